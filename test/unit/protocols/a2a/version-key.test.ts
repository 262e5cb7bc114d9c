/**
 * The scenario key that pins the A2A version a group's agents are spoken to in (`protocol_version`),
 * and where the pinned version reaches the protocol: agent launches (readiness), peers of built-in
 * agents, and the driver.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadScenarioText } from '../../../../src/scenario/load.js';
import { buildLaunches } from '../../../../src/run/launch.js';

const dir = mkdtempSync(join(tmpdir(), 'storm-a2a-version-'));
writeFileSync(join(dir, 'agent.mjs'), ''); // validation checks that a command's script exists
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A scenario whose `mine` group has `extra` keys; `worker` is a built-in group that forwards to it. */
function scenario(extra: string): string {
  return `name: pinned
duration: 2s
protocols: [a2a]
tools:
  e: { kind: echo }
agents:
  mine: { count: 1, command: "node ./agent.mjs --port {port}"${extra} }
  worker: { count: 1, tool: e }
workload:
  message_flow:
    - { from: client, to: mine }
    - { from: mine, to: worker }
`;
}

const load = (extra: string) => loadScenarioText(join(dir, 's.storm.yaml'), scenario(extra));
const issueCodes = (extra: string) =>
  load(extra)
    .issues.map((i) => `${i.code} ${i.message}`)
    .join('\n');

describe('protocol_version', () => {
  it.each([
    ['"0.3"', '0.3'],
    ['0.3', '0.3'], // YAML number
    ['"1.0"', '1.0'],
    ['1.0', '1.0'], // YAML reads it as the number 1
  ])('protocol_version: %s with protocol: a2a pins the group to A2A %s', (raw, want) => {
    const r = load(`, protocol: a2a, protocol_version: ${raw}`);
    expect(r.issues).toEqual([]);
    expect(r.scenario!.groups.find((g) => g.name === 'mine')!.protocolVersion).toBe(want);
    expect(r.scenario!.groups.find((g) => g.name === 'worker')!.protocolVersion).toBeUndefined();
  });

  it('is absent by default (the version is negotiated from the card)', () => {
    const r = load(', protocol: a2a');
    expect(r.issues).toEqual([]);
    expect(r.scenario!.groups.find((g) => g.name === 'mine')!.protocolVersion).toBeUndefined();
  });

  it.each(['"0.2"', '"2.0"', 'v1', '0.4'])('rejects the unknown version %s with the schema error', (raw) => {
    const r = load(`, protocol: a2a, protocol_version: ${raw}`);
    expect(r.scenario).toBeNull();
    expect(r.issues.map((i) => [i.path, i.message])).toEqual([
      ['agents.mine.protocol_version', expect.stringMatching(/^expected one of 1\.0, 0\.3, /)],
    ]);
  });

  it('needs protocol: a2a on the group', () => {
    expect(issueCodes(', protocol_version: "0.3"')).toMatch(/^version-without-protocol protocol_version needs/m);
    expect(issueCodes(', protocol: json, protocol_version: "0.3"')).toMatch(/^version-without-protocol /m);
  });

  it('reaches the launch (readiness) and every peer entry naming the pinned group', () => {
    const s = load(', protocol: a2a, protocol_version: "0.3"').scenario!;
    const launches = buildLaunches({
      scenario: s,
      protocol: 'a2a',
      seed: 1,
      ports: [4001, 4002],
      workspaceRoot: dir,
      peers: { 'mine-0': ['worker-0'], 'worker-0': ['mine-0'] },
    });
    const mine = launches.find((l) => l.id === 'mine-0')!;
    const worker = launches.find((l) => l.id === 'worker-0')!;
    expect(mine.protocolVersion).toBe('0.3');
    expect(worker.protocolVersion).toBeUndefined();
    expect(worker.config!.peers).toEqual([
      { id: 'mine-0', url: 'http://127.0.0.1:4001', group: 'mine', protocolVersion: '0.3' },
    ]);
  });
});
