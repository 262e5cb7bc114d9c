import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ConsoleReporter } from '../../../reporters/console.js';
import { GithubReporter } from '../../../reporters/github.js';
import { HtmlReporter } from '../../../reporters/html.js';
import { JsonReporter } from '../../../reporters/json.js';
import { JunitReporter } from '../../../reporters/junit.js';
import { UsageError } from '../../../src/report/errors.js';
import { ReporterDispatcher } from '../../../src/report/dispatcher.js';
import { createReporters, isModulePath } from '../../../src/report/registry.js';
import { closestName as closest } from '../../../src/util/did-you-mean.js';
import { makeRun } from './fixtures.js';

const fixtures = fileURLToPath(new URL('../../fixtures/reporters/', import.meta.url));
const opts = { outputDir: 'out', cwd: fixtures };

describe('createReporters', () => {
  it('maps built-in names to their classes, in order', async () => {
    const reporters = await createReporters(['console', 'junit', 'json', 'html', 'github'], opts);
    expect(reporters.map((r) => r.constructor)).toEqual([
      ConsoleReporter,
      JunitReporter,
      JsonReporter,
      HtmlReporter,
      GithubReporter,
    ]);
  });

  it('loads a module path relative to cwd and passes it the options', async () => {
    const [r] = await createReporters(['./counting-reporter.mjs'], opts);
    expect(r.constructor.name).toBe('CountingReporter');
    expect((r as unknown as { opts: unknown }).opts).toBe(opts);
    await r.onCellEnd?.({} as never);
    expect((r as unknown as { cells: number }).cells).toBe(1);
  });

  it('runs the docs/reports.md example reporter through the dispatcher', async () => {
    const out = mkdtempSync(join(tmpdir(), 'storm-user-reporter-'));
    try {
      const reporters = await createReporters([join(fixtures, 'recovery-tsv.mjs')], { outputDir: out, cwd: '/' });
      const d = new ReporterDispatcher(reporters);
      const run = makeRun({ reason: 'bail' });
      for (const cell of run.suites[0].cells) await d.onCellEnd(cell);
      await d.onRunEnd(run);
      const lines = readFileSync(join(out, 'recovery.tsv'), 'utf8').trim().split('\n');
      expect(lines.slice(0, 4).map((l) => l.split('\t').slice(1))).toEqual([
        ['json', 'passed', '1750'],
        ['a2a', 'failed', '7310'],
        ['acp', 'inconclusive', ''],
        ['anp', 'skipped', ''],
      ]);
      expect(lines[4]).toBe('# bail');
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });

  it('rejects an unknown name with a did-you-mean', async () => {
    const err = await createReporters(['junti'], opts).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UsageError);
    expect(err).toMatchObject({
      code: 'unknown-reporter',
      message: 'unknown reporter "junti" — did you mean "junit"?',
    });
    expect((err as UsageError).hint).toContain('console, junit, json, html, github');
  });

  it('does not suggest anything for a name far from every reporter', async () => {
    await expect(createReporters(['tap'], opts)).rejects.toThrow(/^unknown reporter "tap"$/);
  });

  it('rejects a missing module and a module without a default export', async () => {
    await expect(createReporters(['./nope.mjs'], opts)).rejects.toMatchObject({
      code: 'bad-reporter-module',
      message: expect.stringContaining('cannot load reporter module'),
    });
    await expect(createReporters(['./no-default.mjs'], opts)).rejects.toThrow(/no default-exported class/);
  });

  it('tells paths from names', () => {
    expect(['./r.js', '/abs/r', 'r.mjs', 'lib/r.js'].every(isModulePath)).toBe(true);
    expect(['console', 'junit', 'constructor'].some(isModulePath)).toBe(false);
    expect(closest('HTML', ['console', 'html'])).toBe('html');
  });

  it('does not treat Object.prototype members as reporter names', async () => {
    await expect(createReporters(['constructor'], opts)).rejects.toBeInstanceOf(UsageError);
  });
});
