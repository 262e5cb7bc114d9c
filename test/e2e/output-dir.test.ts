/**
 * Output paths storm cannot write to (issue 9, item 5): exit 2 with a sentence, before any cell runs —
 * never exit 3 with a raw errno, a stack trace, or a hang (-o /proc/x once spun forever).
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CLI, ROOT, runCli } from './run-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'storm-output-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = join(dir, 'a-file');
writeFileSync(file, 'not a directory\n');
const scenario = 'test/fixtures/valid/echo-basic';

function expectUsageError(r: { code: number | null; stdout: string; stderr: string }, words: string): void {
  const out = r.stdout + r.stderr;
  expect(r.code, out).toBe(2);
  expect(r.stderr).toContain(words);
  expect(out).not.toMatch(/^\s{4}at /m);
  expect(out).not.toMatch(/\bE[A-Z]{3,}\b:/); // no raw "EEXIST: file already exists, mkdir …"
}

describe('storm test -o <somewhere unusable>', () => {
  it('an existing file', () => {
    expectUsageError(
      runCli(['test', scenario, '-o', file], { timeoutMs: 30_000 }),
      `-o ${file}: ${file} is a file, not a directory`,
    );
  });

  it('a directory under a file', () => {
    expectUsageError(
      runCli(['test', scenario, '-o', join(file, 'out')], { timeoutMs: 30_000 }),
      `${file} is a file, so the directory`,
    );
  });

  it.skipIf(process.platform !== 'linux')('/proc/x does not hang', () => {
    expectUsageError(
      runCli(['test', scenario, '-o', '/proc/x'], { timeoutMs: 30_000 }),
      'cannot create the directory /proc/x',
    );
  });

  it.skipIf(process.platform !== 'linux')('a place the file system refuses (/sys)', () => {
    expectUsageError(
      runCli(['test', scenario, '-o', '/sys/storm-out'], { timeoutMs: 30_000 }),
      'cannot create the directory /sys/storm-out',
    );
  });

  it('a read-only directory (run as an unprivileged user when the tests run as root)', () => {
    const ro = join(dir, 'read-only');
    mkdirSync(ro);
    chmodSync(ro, 0o555);
    chmodSync(dir, 0o755);
    const asRoot = process.getuid?.() === 0;
    const r = spawnSync(process.execPath, [CLI, 'test', scenario, '-o', ro], {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: 30_000,
      env: { ...process.env, CI: 'true', FORCE_COLOR: '0' },
      ...(asRoot ? { uid: 65534, gid: 65534 } : {}),
    });
    expectUsageError(
      { code: r.status, stdout: r.stdout, stderr: r.stderr },
      `cannot write in ${ro}: permission denied`,
    );
  });
});

describe('storm init under a file', () => {
  it('exits 2 with the reason', () => {
    expectUsageError(runCli(['init', join(file, 'sub')], { timeoutMs: 30_000 }), `${file} is a file, so the directory`);
  });
});
