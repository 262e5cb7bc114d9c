/**
 * Output snapshots (issue 10, item 5): the console summary and JUnit XML of a small passing and a
 * small failing run, `storm test --list` of scenarios/, `storm plan` of one scenario and `storm
 * validate` of an invalid file, so their layout cannot change unnoticed. Times, measurements, paths,
 * ports, pids and versions are normalized (./normalize-output.ts); the fixtures in
 * test/fixtures/snapshots/ are built so that their verdicts cannot flip under load.
 *
 * After an intended change of the output: `npx vitest run test/e2e/snapshots.test.ts -u`, then read
 * the diff of test/e2e/snapshots/ before committing it.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { normalizeOutput, type NormalizeOptions } from './normalize-output.js';
import { FIXTURES, ROOT, runCli, trackedOutput, useTrackedOutputs, type CliResult } from './run-cli.js';

useTrackedOutputs(afterEach);

const SNAP = join(import.meta.dirname, 'snapshots');
const rel = (p: string) => p.slice(ROOT.length + 1);

/** One snapshot text: the command, its exit code, then normalized stdout and stderr. */
function render(args: string[], r: CliResult, opts: NormalizeOptions = {}): string {
  const n = (s: string) => normalizeOutput(s, { roots: [ROOT], ...opts });
  return [
    `$ storm ${n(args.join(' '))}`,
    `exit code: ${r.code}`,
    '--- stdout ---',
    n(r.stdout).trimEnd(),
    '--- stderr ---',
    n(r.stderr).trimEnd(),
    '',
  ].join('\n');
}

describe.each([
  ['pass', 0],
  ['fail', 1],
] as const)('storm test, a %s run', (kind, code) => {
  let args: string[];
  let r: CliResult;
  let junit: string;

  beforeAll(() => {
    const o = trackedOutput();
    args = ['test', rel(join(FIXTURES, 'snapshots', kind)), '-o', o];
    r = runCli(args, { timeoutMs: 60_000 });
    junit = readFileSync(join(o, 'junit.xml'), 'utf8');
  }, 70_000);

  it('console', async () => {
    expect(r.code, r.stdout + r.stderr).toBe(code);
    await expect(render(args, r)).toMatchFileSnapshot(join(SNAP, `test-${kind}.console.txt`));
  });

  it('junit.xml', async () => {
    await expect(normalizeOutput(junit, { roots: [ROOT] })).toMatchFileSnapshot(join(SNAP, `test-${kind}.junit.xml`));
  });
});

describe('what would run, and load errors', () => {
  it('storm test --list scenarios/', async () => {
    const args = ['test', 'scenarios/', '--list'];
    const r = runCli(args);
    expect(r.code).toBe(0);
    await expect(render(args, r, { measured: false })).toMatchFileSnapshot(join(SNAP, 'test-list.txt'));
  });

  it('storm plan of one scenario', async () => {
    const args = ['plan', 'scenarios/fail-storm.storm.yaml'];
    const r = runCli(args);
    expect(r.code).toBe(0);
    await expect(render(args, r, { measured: false })).toMatchFileSnapshot(join(SNAP, 'plan-fail-storm.txt'));
  });

  it('storm validate of an invalid file next to a valid one', async () => {
    const args = ['validate', rel(join(FIXTURES, 'snapshots/invalid')), rel(join(FIXTURES, 'snapshots/pass'))];
    const r = runCli(args);
    expect(r.code).toBe(2);
    await expect(render(args, r, { measured: false })).toMatchFileSnapshot(join(SNAP, 'validate-invalid.txt'));
  });
});
