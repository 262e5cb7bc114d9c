/**
 * The shipped scenarios of the message- and host-level faults (message-loss, duplicate-delivery,
 * silent-host) hold beyond json: the proxy reads every protocol's messages from the outside.
 * silent-host must show the two ways of losing a peer side by side: the kill detected on a refused
 * connection, the blackhole by silence, later. A cell the loaded machine made inconclusive
 * ("harness overloaded") is not a failure of the scenario; nothing else may be inconclusive.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { agentsOf, readResults, runCli, trackedOutput, useTrackedOutputs } from './run-cli.js';

useTrackedOutputs(afterEach);

// json runs every shipped scenario in shipped-scenarios.test.ts, and proxy-fault-kinds.test.ts checks
// message by message, on all five protocols, that a dropped message ends its task as a timeout and a
// duplicated one is executed twice. What is left for the four other protocols is that the shipped
// scenarios hold on them: silent-host (kill vs blackhole, told apart by each protocol's client) on all
// four, and each message-level scenario on two of them, so every protocol runs a message-level one.
const RUNS: [string[], string][] = [
  [['scenarios/message-loss.storm.yaml', 'scenarios/silent-host.storm.yaml'], 'a2a,acp'],
  [['scenarios/duplicate-delivery.storm.yaml', 'scenarios/silent-host.storm.yaml'], 'anp,agora'],
];

describe('shipped fault-kind scenarios on a2a, acp, anp and agora', () => {
  it('pass, with the evidence each one is about', () => {
    const outputs = RUNS.map(([files, protocols]) => {
      const output = trackedOutput();
      runCli(['test', ...files, '--protocol', protocols, '-o', output], { timeoutMs: 600_000 });
      return output;
    });
    const runs = outputs.map((o) => readResults(o).suites);
    RUNS.forEach(([files, protocols], i) => {
      expect(runs[i].map((s: any) => s.file).sort()).toEqual([...files].sort());
      expect(runs[i].map((s: any) => s.cells.map((c: any) => c.protocol).join(','))).toEqual([protocols, protocols]);
    });
    const suites = runs.flat();
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
    const cellsOf = (name: string): any[] =>
      suites.filter((s: any) => s.file.endsWith(`${name}.storm.yaml`)).flatMap((s: any) => s.cells);
    const [loss, dup, silent] = ['message-loss', 'duplicate-delivery', 'silent-host'].map(cellsOf);
    expect([loss, dup, silent].map((cells) => cells.map((c: any) => c.protocol).join(','))).toEqual([
      'a2a,acp',
      'anp,agora',
      'a2a,acp,anp,agora',
    ]);
    const why = (c: any): string => `${c.id} ${c.status} ${c.reason ?? ''} ${JSON.stringify(c.faults)}`;
    const effective = (c: any): boolean => c.faults.every((f: any) => f.verified);
    for (const c of loss.filter(effective)) expect(c.metrics.tasks_timeout, why(c)).toBeGreaterThan(0);
    for (const c of dup.filter(effective)) expect(c.metrics.duplicate_work_ratio, why(c)).toBeGreaterThan(0);
    for (const c of silent.filter(effective)) {
      const [kill, hole] = c.metrics.faults;
      expect(kill.detect_evidence, c.id).toMatchObject({ refused: expect.any(Number), silence: 0 });
      expect(kill.detect_evidence.refused, c.id).toBeGreaterThan(0);
      expect(hole.detect_evidence, c.id).toMatchObject({ refused: 0 });
      expect(hole.detect_evidence.silence, c.id).toBeGreaterThan(0);
      expect(hole.detect_ms, c.id).toBeGreaterThan(kill.detect_ms);
    }
    for (const o of outputs) expect(agentsOf(o)).toEqual([]);
  }, 700_000);
});
