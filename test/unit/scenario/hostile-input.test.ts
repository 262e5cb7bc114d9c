/**
 * Inputs too large or too odd to keep as fixture files (issue 9): generated here, each must give a
 * located issue quickly. The timeouts are generous on purpose: they only catch a hang.
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { formatIssue, loadScenarioFile, loadScenarios } from '../../../src/scenario/index.js';

const dir = mkdtempSync(join(tmpdir(), 'storm-hostile-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const valid = readFileSync(join(import.meta.dirname, '../../fixtures/valid/echo-basic/echo.storm.yaml'), 'utf8');

function write(name: string, text: string): string {
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
}

describe('hostile scenario files', () => {
  it('a file over 256 KiB is refused before parsing, with the reason', async () => {
    const r = await loadScenarioFile(
      write('big.storm.yaml', `${valid}description: |\n${'  filler line of a description\n'.repeat(10_000)}`),
    );
    expect(r.issues.map((i) => [i.code, i.line])).toEqual([['file-too-large', 0]]);
    expect(r.issues[0].message).toMatch(
      /^the file has \d+ KiB, more than the 256 KiB a scenario file may have: .*data files/,
    );
  });

  it('a 200 kB identifier: bounded did-you-mean, a short message', { timeout: 20_000 }, async () => {
    const huge = 'e'.repeat(200_000);
    const r = await loadScenarioFile(write('ident.storm.yaml', valid.replace(/tool: (\w+)/, `tool: ${huge}`)));
    expect(r.issues.map((i) => i.code)).toEqual(['unknown-tool']);
    const line = formatIssue(r.issues[0], dir);
    expect(line.length).toBeLessThan(400);
    expect(line).toMatch(/tool "e{59}… \(200002 characters\) is not declared/);
  });

  it("a 1,000-character group name (YAML's longest plain key): one message about its length", {
    timeout: 20_000,
  }, async () => {
    const r = await loadScenarioFile(
      write(
        'name.storm.yaml',
        valid.replace(/^agents:\n/m, `agents:\n  ${'g'.repeat(1000)}: { count: 1, tool: nothing }\n`),
      ),
    );
    expect(r.issues[0]?.message).toBe(
      'this name has 1000 characters; a name has at most 64, because it becomes part of every agent id, workspace path and report line',
    );
    for (const i of r.issues) expect(formatIssue(i, dir).length).toBeLessThan(600);
  });

  it.skipIf(process.platform === 'win32')(
    'a named pipe is refused, not read (a read would block forever)',
    async () => {
      const fifo = join(dir, 'pipe.storm.yaml');
      execFileSync('mkfifo', [fifo]);
      const r = await loadScenarioFile(fifo);
      expect(r.issues.map((i) => i.code)).toEqual(['not-a-file']);
      expect(r.issues[0].message).toContain('not a regular file');
    },
  );

  it.skipIf(process.getuid?.() === 0)(
    'an unreadable directory is reported and the other files still load',
    async () => {
      const tree = join(dir, 'tree');
      mkdirSync(join(tree, 'locked'), { recursive: true });
      writeFileSync(join(tree, 'ok.storm.yaml'), valid);
      chmodSync(join(tree, 'locked'), 0o000);
      try {
        const results = await loadScenarios([tree], dir);
        expect(results.map((r) => [r.issues[0]?.code ?? 'valid', r.scenario !== null])).toEqual([
          ['unreadable', false],
          ['valid', true],
        ]);
      } finally {
        chmodSync(join(tree, 'locked'), 0o755);
      }
    },
  );
});
