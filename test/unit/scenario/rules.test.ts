/** Semantic rules that have no fixture folder of their own: each scenario breaks exactly one rule. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadScenarioFile } from '../../../src/scenario/index.js';

const dir = mkdtempSync(join(tmpdir(), 'storm-rules-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;

const BASE = `name: rules
duration: 10s
tools:
  e: { kind: echo }
agents:
  worker: { count: 4, tool: e }
  hub: { count: 1, tool: e }
workload:
  message_flow:
    - { from: client, to: worker }
`;

async function issues(extra: string, base = BASE): Promise<string[]> {
  const file = join(dir, `r${n++}.storm.yaml`);
  writeFileSync(file, base + extra);
  const r = await loadScenarioFile(file);
  return r.issues.map((i) => `${i.code} ${i.path} ${i.message}`);
}

describe('semantic rules', () => {
  it.each([
    [
      'faults:\n  - { at: 2s, every: 2s, times: 2, kill: 1, signal: SIGSTOP, for: 3s }\n',
      'for-exceeds-every faults[0].for',
    ],
    [
      'faults:\n  - { at: 8s, kill: 1, signal: SIGSTOP, for: 3s }\n',
      'fault-after-duration faults[0].for the fault ends at 11s',
    ],
    ['faults:\n  - { at: 7s, kill: 1, restart_after: 4s }\n', 'fault-after-duration faults[0].restart_after'],
    [
      'faults:\n  - { at: 2s, every: 4s, times: 3, kill: 1, restart_after: 1s }\n',
      'fault-after-duration faults[0].times occurrence 3 of 3 starts at 10s',
    ],
    ['faults:\n  - { at: 2s, times: 3, kill: 1, restart_after: 1s }\n', 'times-needs-every faults[0].times'],
    [
      'faults:\n  - { at: 2s, kill: 1, signal: SIGSTOP, for: 1s, restart_after: 1s }\n',
      'restart-with-sigstop faults[0].restart_after',
    ],
    [
      'faults:\n  - { at: 2s, kill: [hub-0], of: worker }\n',
      'kill-outside-group faults[0].kill hub-0 is not in group worker',
    ],
    [
      'faults:\n  - { at: 2s, every: 2s, times: 2, kill: [worker-0] }\n',
      'kill-exceeds-group faults[0].times occurrence 2 would kill worker-0 again',
    ],
    [
      'faults:\n  - { at: 2s, kill: 6 }\n',
      'kill-exceeds-group faults[0].kill kill: 6 exceeds the 5 agents in the scenario',
    ],
    ['faults:\n  - { at: 2s, kill: worker }\n', 'group-not-agent faults[0].kill'],
    ['faults:\n  - { at: 2s, kill: 0 }\n', 'bad-kill faults[0].kill'],
    [
      'faults:\n  - { at: 2s, kill: 1, partition: [[hub], rest] }\n',
      'fault-kind faults[0] a fault is one thing at a time; this one mixes kill and partition keys',
    ],
    ['faults:\n  - { at: 2s }\n', 'fault-kind faults[0] a fault needs kill:'],
    ['faults:\n  - { at: 2s, partition: [[hub], rest] }\n', 'missing-for faults[0]'],
    [
      'faults:\n  - { at: 2s, for: 1s, partition: [[hub, worker-0], [worker]] }\n',
      'partition-overlap faults[0].partition[1] agent worker-0 is on sides 0 and 1',
    ],
    ['faults:\n  - { at: 2s, for: 1s, latency: 100ms }\n', 'missing-target faults[0]'],
    [
      'faults:\n  - { at: 2s, for: 1s, target: hub }\n',
      'fault-kind faults[0] a network fault needs latency, jitter or loss',
    ],
    ['heartbeat: { interval: 1s, timeout: 500ms }\n', 'heartbeat-timeout heartbeat.timeout'],
    ['warmup: 12s\n', 'warmup-after-end warmup'],
  ])('%s', async (extra, expected) => {
    const got = await issues(extra);
    expect(
      got.some((g) => g.startsWith(expected)),
      got.join('\n'),
    ).toBe(true);
  });

  it('flows start at client and chain from step to step', async () => {
    const flow = (steps: string) => BASE.replace(/workload:[\s\S]*$/, `workload:\n  message_flow:\n${steps}`);
    expect(await issues('', flow('    - { from: worker, to: hub }\n'))).toEqual([
      expect.stringMatching(/^flow-start workload.message_flow\[0\].from/),
    ]);
    expect(await issues('', flow('    - { from: client, to: worker }\n    - { from: hub, to: client }\n'))).toEqual([
      expect.stringMatching(/^flow-chain workload.message_flow\[1\].from .*held by "worker"/),
    ]);
    expect(await issues('', flow('    - { from: client, to: worker-0 }\n'))).toEqual([
      expect.stringMatching(/^flow-agent-not-group workload.message_flow\[0\].to "worker-0" is one agent/),
    ]);
  });

  it('protocol pins must agree with each other and with protocols', async () => {
    const pinned = `name: pins\nprotocols: [json]\nduration: 5s\nagents:\n  a: { command: "true", protocol: a2a }\nworkload:\n  message_flow: [{ from: client, to: a }]\n`;
    expect(await issues('', pinned)).toEqual([expect.stringMatching(/^pin-not-in-protocols agents.a.protocol/)]);
    const two = pinned
      .replace('protocols: [json]\n', '')
      .replace('workload', '  b: { command: "true", protocol: acp }\nworkload');
    expect(await issues('', two)).toEqual([expect.stringMatching(/^conflicting-pins agents.b.protocol/)]);
  });

  it('commands: programs on PATH pass, missing ones and data on command groups do not', async () => {
    const byo = (cmd: string, extra = '') =>
      `name: byo\nduration: 5s\nagents:\n  a: { command: "${cmd}"${extra} }\nworkload:\n  message_flow: [{ from: client, to: a }]\n`;
    expect(await issues('', byo('node -e 1 --port {port}'))).toEqual([]);
    expect(await issues('', byo('no-such-program-xyz --port {port}'))).toEqual([
      expect.stringMatching(/^missing-command agents.a.command program "no-such-program-xyz" is not found on PATH/),
    ]);
    expect(await issues('', byo('./nope.sh'))).toEqual([
      expect.stringMatching(/^missing-command .*program \.\/nope\.sh does not exist/),
    ]);
    expect(await issues('', byo('node -e \\"setInterval(() => {}, 1000)\\" --port {port}'))).toEqual([]);
    expect(await issues('', byo('node -e 1 {porrt}'))).toEqual([
      expect.stringMatching(/^unknown-placeholder agents.a.command unknown placeholder \{porrt\}/),
    ]);
    expect(await issues('', byo('node -e 1', ', data: "x.jsonl"'))).toEqual([
      expect.stringMatching(/^data-with-command agents.a.data/),
    ]);
  });

  it('tools: required keys per kind and a usable base_url', async () => {
    const tool = (spec: string) => BASE.replace('e: { kind: echo }', `e: ${spec}`);
    expect(await issues('', tool('{ kind: delay }'))).toEqual([
      expect.stringMatching(/^tool-missing-key tools.e a delay tool needs "delay"/),
    ]);
    expect(await issues('', tool('{ kind: delay, delay: 10ms, delay_max: 5ms }'))).toEqual([
      expect.stringMatching(/^bad-range tools.e.delay_max/),
    ]);
    expect(await issues('', tool('{ kind: llm, model: gpt-x }'))).toEqual([
      expect.stringMatching(/^tool-missing-key tools.e.model .*needs base_url/),
    ]);
    expect(await issues('', tool('{ kind: llm, model: gpt-x, base_url: "ftp://x" }'))).toEqual([
      expect.stringMatching(/^bad-url tools.e.base_url/),
    ]);
  });
});
