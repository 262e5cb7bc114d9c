/**
 * Property-based fuzzing of the scenario loader and the assertion parser (issue 9): whatever the
 * input, the result is a valid scenario or a list of issues located inside the file, nothing is
 * thrown, nothing is printed. Seeded and bounded here; bench/fuzz-scenarios.mjs runs 10,000 cases.
 * Set STORM_FUZZ_SEED to replay another seed, STORM_FUZZ_RUNS for a longer run.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import {
  assertionText,
  issueProblems,
  loadSeeds,
  mutants,
  type Mutant,
} from '../../../bench/fuzz/scenario-mutations.js';
import { AssertParseError, parseAssertion } from '../../../src/assert/parse.js';
import { loadScenarioText } from '../../../src/scenario/index.js';

const ROOT = resolve(import.meta.dirname, '../../..');
const SEED = Number(process.env.STORM_FUZZ_SEED ?? 20260902);
const RUNS = Number(process.env.STORM_FUZZ_RUNS ?? 300);
/** Far above the few milliseconds a file takes: only a hang or a runaway loop gets near it. */
const PER_FILE_LIMIT_MS = 10_000;
const seeds = loadSeeds(ROOT);

/** Run `fn`, collecting whatever it makes the yaml library (or anything else) print as a warning. */
function capturingWarnings<T>(fn: () => T): { value: T; warnings: string[] } {
  const warnings: string[] = [];
  const { emitWarning } = process;
  const { warn, error } = console;
  process.emitWarning = ((w: string | Error) => void warnings.push(String(w))) as typeof process.emitWarning;
  console.warn = (...a: unknown[]) => void warnings.push(a.join(' '));
  console.error = (...a: unknown[]) => void warnings.push(a.join(' '));
  try {
    return { value: fn(), warnings };
  } finally {
    process.emitWarning = emitWarning;
    console.warn = warn;
    console.error = error;
  }
}

/** Every way the loader's answer for `m` breaks the contract; empty when it holds. */
function problemsOf(m: Mutant): string[] {
  const started = performance.now();
  const { value: result, warnings } = capturingWarnings(() => loadScenarioText(m.file, m.text));
  const elapsed = performance.now() - started;
  const problems = issueProblems(m.text, result.issues);
  if (result.scenario !== null && result.issues.length) problems.push('a scenario and issues at once');
  if (result.scenario === null && !result.issues.length) problems.push('neither a scenario nor an issue');
  for (const w of warnings) problems.push(`printed: ${w}`);
  if (elapsed > PER_FILE_LIMIT_MS) problems.push(`took ${Math.round(elapsed)} ms`);
  return problems;
}

describe('fuzz: mutated scenario files through the loader', () => {
  it('there are seeds to mutate', () => {
    expect(seeds.length).toBeGreaterThan(30);
  });

  it(`${RUNS} mutants: valid, or issues inside the file; no throw, no warning`, () => {
    fc.assert(
      fc.property(mutants(seeds), (m) => {
        const problems = problemsOf(m);
        if (problems.length)
          throw new Error(`${problems.join('; ')}\n  seed ${m.file}\n  edits: ${m.edits.join(' | ')}`);
      }),
      { seed: SEED, numRuns: RUNS, endOnFailure: true },
    );
  });
});

describe('fuzz: assertion expressions', () => {
  it('parse, or fail with an AssertParseError at an offset inside the text', () => {
    fc.assert(
      fc.property(assertionText, (text) => {
        try {
          parseAssertion(text);
        } catch (err) {
          if (!(err instanceof AssertParseError)) throw err;
          if (!(err.offset >= 0 && err.offset <= text.length))
            throw new Error(`offset ${err.offset} outside ${text.length} characters`);
        }
      }),
      { seed: SEED, numRuns: RUNS * 3 },
    );
  });
});

describe('fuzz: a handful of mutants through the real CLI', () => {
  const cli = join(ROOT, 'dist/src/cli/main.js');
  const dir = mkdtempSync(join(tmpdir(), 'storm-fuzz-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it.skipIf(!existsSync(cli))(
    'storm validate: exit 0 or 2, every file reported, positions inside, nothing on stderr',
    () => {
      const sample = fc.sample(mutants(seeds), { seed: SEED, numRuns: 12 });
      const texts = new Map<string, string>();
      sample.forEach((m, i) => {
        const name = `m${String(i).padStart(2, '0')}.storm.yaml`;
        writeFileSync(join(dir, name), m.text);
        texts.set(name, m.text);
      });
      const r = spawnSync(process.execPath, [cli, 'validate', dir], {
        cwd: dir,
        encoding: 'utf8',
        timeout: 60_000,
        env: { ...process.env, FORCE_COLOR: '0' },
      });
      expect(r.stderr).toBe('');
      expect([0, 2]).toContain(r.status);
      expect(r.stdout).toMatch(/^(12 files valid|\d+ of 12 files invalid, \d+ problems?)$/m);
      for (const line of r.stdout.split('\n')) {
        const at = /^(m\d\d\.storm\.yaml):(\d+):(\d+) {2}/.exec(line);
        if (!at) continue;
        const issue = { line: Number(at[2]), col: Number(at[3]), code: 'cli', message: line };
        expect(issueProblems(texts.get(at[1])!, [issue]), line).toEqual([]);
      }
    },
  );
});
