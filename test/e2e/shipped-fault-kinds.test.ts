/**
 * The shipped scenarios of the message- and host-level faults (message-loss, duplicate-delivery,
 * silent-host) hold on every protocol: the proxy reads every protocol's messages from the
 * outside. silent-host must show the two ways of losing a peer side by side: the kill detected on a
 * refused connection, the blackhole by silence, later. A cell the loaded machine made inconclusive
 * ("harness overloaded") is not a failure of the scenario; nothing else may be inconclusive.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { agentsOf, readResults, runCli, trackedOutput, useTrackedOutputs } from './run-cli.js';

useTrackedOutputs(afterEach);
const SCENARIOS = [
  'scenarios/message-loss.storm.yaml',
  'scenarios/duplicate-delivery.storm.yaml',
  'scenarios/silent-host.storm.yaml',
];

// json runs every shipped scenario in shipped-scenarios.test.ts (and each message fault's evidence in
// proxy-fault-kinds.test.ts); the four other protocols run here, so CI runs each cell once.
describe('shipped fault-kind scenarios on a2a, acp, anp and agora', () => {
  it('pass, with the evidence each one is about', () => {
    const output = trackedOutput();
    runCli(['test', ...SCENARIOS, '--protocol', 'a2a,acp,anp,agora', '-o', output], { timeoutMs: 600_000 });
    const suites = readResults(output).suites;
    expect(suites.map((s: any) => s.cells.map((c: any) => c.protocol).join(','))).toEqual(
      Array(3).fill('a2a,acp,anp,agora'),
    );
    expect(suites.map((s: any) => s.file).sort()).toEqual([...SCENARIOS].sort());
    for (const s of suites) {
      for (const c of s.cells) {
        const failed = c.assertions.filter((a: any) => !a.pass).map((a: any) => a.reason);
        if (c.status === 'inconclusive') expect(c.reason, c.id).toMatch(/^harness overloaded: /);
        else expect([c.status, failed], c.id).toEqual(['passed', []]);
        // an overloaded machine may starve a fault of traffic; otherwise every fault showed its effect
        if (c.status === 'passed')
          expect(
            c.faults.every((f: any) => f.verified),
            c.id,
          ).toBe(true);
      }
    }
    const suite = (name: string): any => suites.find((s: any) => s.file.endsWith(`${name}.storm.yaml`));
    const [loss, dup, silent] = ['message-loss', 'duplicate-delivery', 'silent-host'].map(suite);
    const why = (c: any): string => `${c.id} ${c.status} ${c.reason ?? ''} ${JSON.stringify(c.faults)}`;
    const effective = (c: any): boolean => c.faults.every((f: any) => f.verified);
    for (const c of loss.cells.filter(effective)) expect(c.metrics.tasks_timeout, why(c)).toBeGreaterThan(0);
    for (const c of dup.cells.filter(effective)) expect(c.metrics.duplicate_work_ratio, why(c)).toBeGreaterThan(0);
    for (const c of silent.cells.filter(effective)) {
      const [kill, hole] = c.metrics.faults;
      expect(kill.detect_evidence, c.id).toMatchObject({ refused: expect.any(Number), silence: 0 });
      expect(kill.detect_evidence.refused, c.id).toBeGreaterThan(0);
      expect(hole.detect_evidence, c.id).toMatchObject({ refused: 0 });
      expect(hole.detect_evidence.silence, c.id).toBeGreaterThan(0);
      expect(hole.detect_ms, c.id).toBeGreaterThan(kill.detect_ms);
    }
    expect(agentsOf(output)).toEqual([]);
  }, 700_000);
});
