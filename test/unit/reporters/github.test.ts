import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { GithubReporter, workflowCommand } from '../../../reporters/github.js';
import { WARNINGS_PER_CELL } from '../../../reporters/github-summary.js';
import { CaptureStream } from '../report/capture.js';
import { makeRepeatedRun, makeRun, TRICKY_NAME } from '../report/fixtures.js';

async function output(run = makeRun()): Promise<string[]> {
  const out = new CaptureStream(false);
  await new GithubReporter({ outputDir: 'o', cwd: '/tmp', stdout: out }).onRunEnd(run);
  return out.text.split('\n').filter(Boolean);
}

describe('GithubReporter', () => {
  it('annotates failed and inconclusive cells and every load error, nothing else', async () => {
    const lines = await output();
    expect(lines).toHaveLength(4);
    expect(lines.every((l) => l.startsWith('::error '))).toBe(true);
    expect(lines.join('\n')).not.toContain('[json]');
    expect(lines.join('\n')).not.toContain('[anp]');
  });

  it('points a failed cell at the scenario file and line, with the failed assertion', async () => {
    const [a2a] = (await output()).filter((l) => l.includes('[a2a]'));
    const title = TRICKY_NAME.replace('%', '%25').replace('\u0001', '');
    expect(a2a).toBe(
      `::error file=scenarios/fail-storm.storm.yaml,line=2,title=${title} [a2a]::recovery_ms < 5000: recovery_ms 7310 is not < 5000`,
    );
  });

  it('points each failed assertion at its own expect line when the result carries it', async () => {
    const run = makeRun();
    const a2aCell = run.suites[0].cells.find((c) => c.protocol === 'a2a')!;
    a2aCell.assertions = a2aCell.assertions.map((a) => ({ ...a, line: 17 }));
    const [a2a] = (await output(run)).filter((l) => l.includes('[a2a]'));
    expect(a2a).toMatch(/^::error file=scenarios\/fail-storm\.storm\.yaml,line=17,title=/);
    expect(a2a).toContain('::recovery_ms < 5000: recovery_ms 7310 is not < 5000');
  });

  it('escapes newlines and % in messages per the workflow command rules', async () => {
    const [acp] = (await output()).filter((l) => l.includes('[acp]'));
    expect(acp).toContain('::inconclusive: agent worker-2 not ready within 10s%0Astderr: <boom>');
    expect(acp.split('\n')).toHaveLength(1);
  });

  it('annotates load errors at their line and column', async () => {
    const lines = (await output()).filter((l) => l.includes('broken.storm.yaml'));
    expect(lines[0]).toBe(
      '::error file=scenarios/broken.storm.yaml,line=14,col=7,title=faults[0].kill::agent "planer" is not declared — did you mean "planner"?',
    );
    expect(lines[1]).toContain('line=20,col=5');
  });

  it('gives GitHub paths relative to the working directory', async () => {
    const run = makeRun();
    run.suites[1].loadErrors[0].file = '/repo/scenarios/broken.storm.yaml';
    const out = new CaptureStream(false);
    await new GithubReporter({ outputDir: 'o', cwd: '/repo', stdout: out }).onRunEnd(run);
    expect(out.text).toContain('::error file=scenarios/broken.storm.yaml,line=14,col=7,');
  });

  it('turns a cell’s warnings into one ::warning at the scenario, whatever the verdict', async () => {
    const run = makeRun();
    const json = run.suites[0].cells.find((c) => c.protocol === 'json')!;
    json.warnings = [
      'STORM_EVENTS_URL: mine-0: 400 "peer" "x" is not an agent of this run',
      'bytes not measured: mine-1',
    ];
    const warnings = (await output(run)).filter((l) => l.startsWith('::warning '));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(
      /^::warning file=scenarios\/fail-storm\.storm\.yaml,line=2,title=.* \[json\] warnings::STORM_EVENTS_URL: mine-0: 400/,
    );
    expect(warnings[0]).toContain('%0Abytes not measured: mine-1');
  });

  it('escapes : and , in properties', () => {
    expect(workflowCommand('error', { title: 'a:b,c%\n' }, '50%\r\n')).toBe(
      '::error title=a%3Ab%2Cc%25%0A::50%25%0D%0A',
    );
  });

  it('prints nothing when everything passed', async () => {
    const run = makeRun();
    run.suites = [{ ...run.suites[0], cells: [run.suites[0].cells[0]] }];
    expect(await output(run)).toEqual([]);
  });
});

describe('GithubReporter with --repeat', () => {
  it('annotates a failing flaky cell once, as an error with the verdict and its failed runs', async () => {
    const lines = await output(makeRepeatedRun(1));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      /^::error file=scenarios\/fail-storm.storm.yaml,line=2,title=.* \[anp\] flaky::flaky: 5\/7 judged runs passed/,
    );
    expect(lines[0]).toContain('%0A#r1 (seed 43): recovery_ms < 3800');
  });

  it('warns about a flaky cell that passed under --min-pass-rate, and stays silent about steady ones', async () => {
    const lines = await output(makeRepeatedRun(0.7));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      /^::warning .*\[anp\] flaky::flaky: 5\/7 judged runs passed \(71%25\) ≥ min-pass-rate 70%25%0A#r1/,
    );
  });
});

describe('GithubReporter job summary ($GITHUB_STEP_SUMMARY)', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'storm-gh-'))));
  afterEach(() => {
    vi.unstubAllEnvs();
    rmSync(dir, { recursive: true, force: true });
  });

  it('appends a markdown table of cells and the failed assertions to the file GitHub names', async () => {
    const file = join(dir, 'summary.md');
    writeFileSync(file, 'an earlier step\n');
    vi.stubEnv('GITHUB_STEP_SUMMARY', file);
    await output();
    const text = readFileSync(file, 'utf8');
    expect(
      text.startsWith(
        'an earlier step\n### storm: 1 failed, 1 inconclusive, 1 skipped, 1 passed, 4 total, 1 file(s) failed to load',
      ),
    ).toBe(true);
    const rows = text.split('\n').filter((l) => l.startsWith('| ') && !l.startsWith('| verdict'));
    expect(rows).toHaveLength(4);
    expect(rows[0]).toMatch(
      /^\| ✅ passed \| Fail-storm &lt;mesh&gt; &amp; &quot;quotes&quot; — 30% \| json \| 12\.3s \| 1200 \| 1750 \| {2}\|$/,
    );
    expect(rows[1]).toContain('| a2a |');
    expect(rows[2]).toContain('agent worker-2 not ready within 10s<br>stderr: &lt;boom&gt;');
    expect(text).toContain('[a2a]: `recovery_ms < 5000` — recovery\\_ms 7310 is not &lt; 5000');
    expect(text).toContain(
      '- ❌ load error: scenarios/broken.storm.yaml:14:7  faults\\[0\\].kill  agent &quot;planer&quot; is not declared',
    );
  });

  it('shows a repeated cell once, with its runs and flakiness', async () => {
    const file = join(dir, 'summary.md');
    vi.stubEnv('GITHUB_STEP_SUMMARY', file);
    await output(makeRepeatedRun());
    const rows = readFileSync(file, 'utf8')
      .split('\n')
      .filter((l) => l.startsWith('| ') && !l.startsWith('| verdict'));
    expect(rows).toHaveLength(2);
    expect(rows[1]).toMatch(/^\| ❌ failed \(5\/7 runs, flaky\) \| .* \| anp \| /);
  });

  it("lists each cell's warnings, escaped and bounded, after the failures", async () => {
    const file = join(dir, 'summary.md');
    vi.stubEnv('GITHUB_STEP_SUMMARY', file);
    const run = makeRun();
    const json = run.suites[0].cells.find((c) => c.protocol === 'json')!;
    json.warnings = [
      'event 3 from worker-1 rejected: <script>|*bold*|',
      'x'.repeat(1000),
      ...Array.from({ length: 6 }, (_, i) => `bytes of worker-${i} not metered`),
    ];
    await output(run);
    const text = readFileSync(file, 'utf8');
    const lines = text.split('\n');
    const head = lines.indexOf('**Warnings** (did not change the verdict)');
    expect(head).toBeGreaterThan(lines.findIndex((l) => l.startsWith('**Failed assertions')));
    const block = lines.slice(head + 2, lines.indexOf('', head + 2));
    expect(block[0]).toMatch(/^- ⚠️ Fail-storm &lt;mesh&gt;.* \[json\]: 8 warnings$/);
    expect(block[1]).toBe('  - event 3 from worker-1 rejected: &lt;script&gt;\\|\\*bold\\*\\|');
    expect(block[2]).toBe(`  - ${'x'.repeat(299)}…`);
    expect(block).toHaveLength(1 + WARNINGS_PER_CELL + 1);
    expect(block.at(-1)).toBe('  - … 3 more in results.json');
  });

  it('has no warnings section when no cell warned', async () => {
    const file = join(dir, 'summary.md');
    vi.stubEnv('GITHUB_STEP_SUMMARY', file);
    await output();
    expect(readFileSync(file, 'utf8')).not.toContain('Warnings');
  });

  it('writes no file when the variable is unset', async () => {
    vi.stubEnv('GITHUB_STEP_SUMMARY', '');
    await output();
    expect(readdirSync(dir)).toEqual([]);
  });
});
