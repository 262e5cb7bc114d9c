/**
 * `storm validate` and `storm init` through the real built CLI: one invalid fixture per validation rule
 * (exit 2, file:line:col, the key words, no stack trace), valid fixtures and shipped scenarios (exit 0).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI, FIXTURES, ROOT, runCli } from './run-cli.js';

/** Newest modification time under `dir` (source files). */
function newest(dir: string): number {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

beforeAll(() => {
  const built = join(ROOT, 'dist/src/scenario/load.js');
  const stale =
    !existsSync(CLI) ||
    !existsSync(built) ||
    statSync(built).mtimeMs < Math.max(newest(join(ROOT, 'src/scenario')), newest(join(ROOT, 'src/cli')));
  // Build once when needed; type errors elsewhere in the tree do not stop tsc from emitting.
  if (stale)
    spawnSync(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.json'], {
      cwd: ROOT,
      timeout: 180_000,
    });
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing after the build`);
}, 200_000);

const invalid = readdirSync(join(FIXTURES, 'invalid')).sort();

/**
 * One `storm validate` over every invalid fixture (103 spawns of the CLI cost ~35 s; one costs <1 s):
 * each file's problems are its own lines, so each fixture is still checked on its own below.
 */
let batch: { code: number | null; stdout: string; stderr: string };
beforeAll(() => {
  batch = runCli(['validate', ...invalid.map((name) => `test/fixtures/invalid/${name}`)], { timeoutMs: 60_000 });
});

describe('storm validate on invalid fixtures', () => {
  it('every fixture is invalid: exit 2, every file counted, no stack trace', () => {
    const out = batch.stdout + batch.stderr;
    expect(batch.code, out).toBe(2);
    expect(out).not.toMatch(/^\s{4}at /m);
    const total = invalid.reduce(
      (n, name) => n + JSON.parse(readFileSync(join(FIXTURES, 'invalid', name, 'expected.json'), 'utf8')).issues.length,
      0,
    );
    expect(out).toContain(`${invalid.length} of ${invalid.length} files invalid, ${total} problems`);
  });

  it.each(invalid)('%s: file:line:col with the expected words, and no other problem', (name) => {
    const dir = join(FIXTURES, 'invalid', name);
    const expected = JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8')) as {
      issues: { at: string; path: string; words: string[] }[];
    };
    const out = batch.stdout + batch.stderr;
    const lines = batch.stdout.split('\n');
    for (const e of expected.issues) {
      const prefix = `test/fixtures/invalid/${name}/x.storm.yaml:${e.at}  ${e.path ? `${e.path}  ` : ''}`;
      const line = lines.find((l) => l.startsWith(prefix) && e.words.every((w) => l.includes(w)));
      expect(line, `no line starting ${prefix} with ${JSON.stringify(e.words)} in:\n${out}`).toBeDefined();
    }
    // exactly the expected number of problems in this file (each problem is one line naming its file)
    const own = lines.filter((l) => l.startsWith(`test/fixtures/invalid/${name}/`));
    expect(own, own.join('\n')).toHaveLength(expected.issues.length);
  });

  it('reports every file of a directory and counts them', () => {
    const r = runCli(
      [
        'validate',
        'test/fixtures/invalid/unknown-key',
        'test/fixtures/valid/echo-basic',
        'test/fixtures/invalid/multiple-issues',
      ],
      { timeoutMs: 30_000 },
    );
    expect(r.code).toBe(2);
    expect(r.stdout).toContain('2 of 4 files invalid, 8 problems');
  });

  it('a path that does not exist is a usage error (exit 2)', () => {
    const r = runCli(['validate', 'test/fixtures/valid', 'no/such/dir'], { timeoutMs: 30_000 });
    expect(r.code).toBe(2);
    expect(r.stdout).toContain('no/such/dir  no such file or directory');
  });
});

describe('storm validate on valid scenarios', () => {
  it('valid fixtures exit 0', () => {
    const r = runCli(['validate', 'test/fixtures/valid'], { timeoutMs: 30_000 });
    expect(r.stdout + r.stderr).toMatch(/^5 files valid$/m);
    expect(r.code).toBe(0);
  });

  it('the shipped scenarios are valid', () => {
    const r = runCli(['validate', 'scenarios'], { timeoutMs: 30_000 });
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toMatch(/files? valid/);
  });
});

describe('storm init', () => {
  const dir = mkdtempSync(join(tmpdir(), 'storm-init-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('writes a starter that validates, and refuses to overwrite it', () => {
    const target = join(dir, 'nested');
    const first = runCli(['init', target], { timeoutMs: 30_000 });
    expect(first.code, first.stderr).toBe(0);
    const text = readFileSync(join(target, 'example.storm.yaml'), 'utf8');
    const schemaRef = /^# yaml-language-server: \$schema=(.+)$/m.exec(text)?.[1];
    expect(schemaRef).toBeDefined();
    expect(existsSync(schemaRef!.startsWith('/') ? schemaRef! : join(target, schemaRef!))).toBe(true);

    const valid = runCli(['validate', target], { timeoutMs: 30_000 });
    expect(valid.stdout + valid.stderr).toContain('1 file valid');
    expect(valid.code).toBe(0);

    const again = runCli(['init', target], { timeoutMs: 30_000 });
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('already exists');
    expect(readFileSync(join(target, 'example.storm.yaml'), 'utf8')).toBe(text);
  });

  it('uses a relative schema path inside the package', () => {
    const inside = mkdtempSync(join(ROOT, 'test/fixtures/.init-'));
    try {
      expect(runCli(['init', inside], { timeoutMs: 30_000 }).code).toBe(0);
      const text = readFileSync(join(inside, 'example.storm.yaml'), 'utf8');
      expect(text).toContain('# yaml-language-server: $schema=../../../schemas/storm.schema.json');
    } finally {
      rmSync(inside, { recursive: true, force: true });
    }
  });
});
