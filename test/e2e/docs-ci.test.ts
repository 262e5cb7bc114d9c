/**
 * docs/ci.md is a recipe people paste into their CI: its workflow YAML must parse, wire shards → blobs →
 * merge → JUnit the way the text says, and every storm flag it uses must exist in the real CLI.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { ROOT, runCli } from './run-cli.js';

const doc = readFileSync(join(ROOT, 'docs/ci.md'), 'utf8');
const yamlBlocks = [...doc.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1]);

function parse(text: string): any {
  const d = parseDocument(text);
  expect(d.errors.map((e) => e.message)).toEqual([]);
  return d.toJS();
}

describe('docs/ci.md', () => {
  const [, github, gitlab] = yamlBlocks.map(parse);

  it('has a regression: example, a GitHub Actions workflow and a GitLab pipeline, all valid YAML', () => {
    expect(yamlBlocks).toHaveLength(3);
    expect(parse(yamlBlocks[0]).regression).toBeTypeOf('object');
  });

  it('GitHub: a shard matrix uploads blobs, a merge job downloads them, merges, publishes JUnit and a step summary', () => {
    const { shard, report } = github.jobs;
    const shards: number[] = shard.strategy.matrix.shard;
    expect(shards).toEqual([1, 2, 3]);
    const run = shard.steps.map((s: any) => s.run ?? '').join('\n');
    expect(run).toContain(`--shard \${{ matrix.shard }}/${shards.length}`);
    expect(run).toMatch(/-r console,blob -o storm-report/);
    const upload = shard.steps.find((s: any) => s.uses?.startsWith('actions/upload-artifact'));
    expect(upload.with.path).toBe('storm-report/blob/');
    expect(report.needs).toBe('shard');
    const download = report.steps.find((s: any) => s.uses?.startsWith('actions/download-artifact'));
    expect(download.with).toMatchObject({ pattern: 'storm-blob-*', 'merge-multiple': true });
    const steps = report.steps.map((s: any) => s.run ?? '').join('\n');
    expect(steps).toContain(`storm merge-reports ${download.with.path} `);
    expect(steps).toContain('$GITHUB_STEP_SUMMARY');
    expect(report.steps.find((s: any) => s.uses?.includes('junit')).with.report_paths).toBe('storm-report/junit.xml');
    // the baseline kept on main is what the shards download on a pull request
    const keep = report.steps.find((s: any) => s.with?.name === 'storm-baseline');
    expect(keep.with.path).toContain('storm-report/results.json');
    expect(run).toContain('--name storm-baseline --dir baseline');
  });

  it('GitLab: parallel shards leave their blobs as artifacts, the merge job publishes JUnit', () => {
    expect(gitlab.storm.parallel).toBe(3);
    expect(gitlab.storm.script.join('\n')).toContain(
      '--shard "$CI_NODE_INDEX/$CI_NODE_TOTAL" -r console,blob -o storm-report',
    );
    expect(gitlab.storm.artifacts).toMatchObject({ when: 'always', paths: ['storm-report/blob/'] });
    expect(gitlab['storm-report'].needs).toEqual(['storm']);
    expect(gitlab['storm-report'].script.join('\n')).toContain('storm merge-reports storm-report');
    expect(gitlab['storm-report'].artifacts.reports.junit).toBe('merged/junit.xml');
  });

  it('uses only flags the real CLI has', () => {
    const uses = [...doc.matchAll(/storm (test|merge-reports|analyze)\b([^\n`]*)/g)];
    expect(uses.length).toBeGreaterThan(8);
    for (const cmd of ['test', 'merge-reports', 'analyze']) {
      const help = runCli([cmd, '--help']).stdout;
      const flags = new Set(
        uses.filter((u) => u[1] === cmd).flatMap((u) => u[2].match(/(?<=\s)--?[a-z][a-z-]*/g) ?? []),
      );
      for (const flag of flags) expect(help, `storm ${cmd} ${flag}`).toMatch(new RegExp(`(^|[ ,])${flag}\\b`, 'm'));
    }
  });
});
