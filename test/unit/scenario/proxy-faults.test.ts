/** Normalizing reset, blackhole, bandwidth and message faults, and where a message type travels. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadScenarioFile } from '../../../src/scenario/index.js';
import { carriersOf } from '../../../src/scenario/message-types.js';
import { parseByteRate } from '../../../src/scenario/units.js';

const dir = mkdtempSync(join(tmpdir(), 'storm-proxy-faults-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const SCENARIO = `name: proxy faults
duration: 10s
tools:
  e: { kind: echo }
agents:
  search: { count: 2, tool: e }
  reason: { count: 2, tool: e }
workload:
  message_flow:
    - { from: client, to: search, message_type: question }
    - { from: search, to: reason, message_type: evidence }
    - { from: reason, to: client, message_type: answer }
faults:
  - { at: 1s, for: 1s, reset: 50%, target: search }
  - { at: 2s, for: 1s, blackhole: [reason-1] }
  - { at: 3s, for: 1s, bandwidth: 64kb/s, target: [search-0, reason] }
  - { at: 4s, for: 1s, message: { type: evidence, drop: 20% } }
  - { at: 5s, for: 1s, message: { type: answer, delay: 300ms } }
`;

describe('proxy fault kinds', () => {
  it('normalize with targets resolved, units parsed and defaults filled', async () => {
    const file = join(dir, 'x.storm.yaml');
    writeFileSync(file, SCENARIO);
    const r = await loadScenarioFile(file);
    expect(r.issues).toEqual([]);
    const faults = r.scenario!.faults.map(({ loc: _loc, ...f }) => f);
    expect(faults).toEqual([
      { index: 0, atMs: 1000, times: 1, forMs: 1000, kind: 'reset', share: 0.5, target: ['search-0', 'search-1'] },
      { index: 1, atMs: 2000, times: 1, forMs: 1000, kind: 'blackhole', target: ['reason-1'] },
      {
        index: 2,
        atMs: 3000,
        times: 1,
        forMs: 1000,
        kind: 'bandwidth',
        bytesPerSec: 64_000,
        target: ['search-0', 'reason-0', 'reason-1'],
      },
      {
        index: 3,
        atMs: 4000,
        times: 1,
        forMs: 1000,
        kind: 'message',
        messageType: 'evidence',
        action: 'drop',
        share: 0.2,
      },
      {
        index: 4,
        atMs: 5000,
        times: 1,
        forMs: 1000,
        kind: 'message',
        messageType: 'answer',
        action: 'delay',
        share: 1,
        delayMs: 300,
      },
    ]);
  });

  it('a step to client is the reply to the previous step', async () => {
    const file = join(dir, 'y.storm.yaml');
    writeFileSync(file, SCENARIO);
    const flow = (await loadScenarioFile(file)).scenario!.workload.messageFlow;
    expect(carriersOf(flow, 'evidence')).toEqual({ requests: ['evidence'], replies: [] });
    expect(carriersOf(flow, 'answer')).toEqual({ requests: [], replies: ['evidence'] });
    expect(carriersOf(flow, 'nothing')).toEqual({ requests: [], replies: [] });
  });

  it('byte rates', () => {
    expect(parseByteRate('64kb/s')).toBe(64_000);
    expect(parseByteRate('1.5 MB/s')).toBe(1_500_000);
    expect(parseByteRate(500)).toBe(500);
    expect(() => parseByteRate('64kbit')).toThrow(/byte rate/);
    expect(() => parseByteRate(0)).toThrow(/byte rate/);
  });
});

describe('proxy fault kinds, refused', () => {
  const issues = async (faults: string): Promise<string[]> => {
    const file = join(dir, `bad-${Math.random().toString(36).slice(2)}.storm.yaml`);
    writeFileSync(file, SCENARIO.replace(/faults:[\s\S]*$/, `faults:\n${faults}`));
    return (await loadScenarioFile(file)).issues.map((i) => `${i.code} ${i.path}`);
  };

  it.each([
    ['  - { at: 1s, for: 1s, blackhole: [] }\n', 'missing-target faults[0].blackhole'],
    ['  - { at: 1s, for: 1s, reset: 50% }\n', 'missing-target faults[0]'],
    ['  - { at: 1s, reset: 50%, target: search }\n', 'missing-for faults[0]'],
    ['  - { at: 1s, for: 1s, message: { type: evidence } }\n', 'message-action faults[0].message'],
    ['  - { at: 1s, for: 1s, message: { type: evidence, drop: 0% } }\n', 'bad-fraction faults[0].message.drop'],
    ['  - { at: 1s, for: 1s, message: { type: evidence, dorp: 20% } }\n', 'unknown-key faults[0].message.dorp'],
    [
      '  - { at: 1s, for: 1s, message: { type: evidence, drop: 20% }, target: search }\n',
      'target-not-used faults[0].target',
    ],
    ['  - { at: 1s, kill: 1, target: search }\n', 'target-not-used faults[0].target'],
    ['  - { at: 1s, for: 1s, reset: 50%, bandwidth: 1kb/s, target: search }\n', 'fault-kind faults[0]'],
  ])('%s', async (faults, expected) => {
    const got = await issues(faults);
    expect(
      got.some((g) => g.startsWith(expected)),
      got.join('\n'),
    ).toBe(true);
  });
});
