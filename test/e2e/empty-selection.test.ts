/** A filter that selects no cell is a usage error with a did-you-mean (SPEC §5), also with --list. */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES, ROOT, runCli } from './run-cli.js';

describe('filters that select nothing', () => {
  it('--name with a typo exits 2 and names the closest scenario', () => {
    const r = runCli(['test', 'scenarios/', '--list', '--name', 'Fail-strom']);
    expect(r.code).toBe(2);
    const shipped = readdirSync(join(ROOT, 'scenarios')).filter((f) => f.endsWith('.storm.yaml')).length;
    expect(r.stderr).toContain(`--name "Fail-strom" matches none of the ${shipped} scenarios found`);
    expect(r.stderr).toMatch(/did you mean "Fail-storm — 30%/);
    expect(r.stdout).not.toMatch(/cells/);
  });

  it('--name in the wrong case suggests the scenario it meant', () => {
    const r = runCli(['test', 'scenarios/', '--list', '--name', 'hang']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/did you mean "Hang — one agent frozen/);
  });

  it('--protocol that no selected scenario runs exits 2 and lists what they do run', () => {
    const r = runCli(['test', 'test/fixtures/engine/pass', '--list', '--protocol', 'anp']);
    expect(r.stderr + r.stdout).toMatch(/--protocol anp selects no cell: the scenarios found run only json/);
    expect(r.code).toBe(2);
  });

  it('a filter that selects something still exits 0 (the check can pass)', () => {
    expect(runCli(['test', 'scenarios/', '--list', '--name', 'Hang']).code).toBe(0);
  });
});

describe('a protocol that only skips cells', () => {
  it('is a selection (the cell is reported skipped), and the skipped cell records its seed, not 0', () => {
    const dir = mkdtempSync(join(tmpdir(), 'storm-pinned-'));
    const agent = join(FIXTURES, 'valid/byo-command/agent.js');
    writeFileSync(
      join(dir, 'pinned.storm.yaml'),
      [
        'name: Pinned to json',
        'protocols: [json, a2a]',
        'seed: 77',
        'duration: 5s',
        'agents:',
        `  mine: { count: 2, command: "node ${agent} --port {port} --id {id}", protocol: json }`,
        'workload:',
        '  rate: 10/s',
        '  success: reply',
        '  message_flow:',
        '    - { from: client, to: mine }',
        '',
      ].join('\n'),
    );
    const out = join(dir, 'out');
    const r = runCli(['test', dir, '-p', 'a2a', '-r', 'json,junit', '-o', out]);
    expect(r.code, r.stderr).toBe(0);
    const cell = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')).suites[0].cells[0];
    expect({ status: cell.status, seed: cell.seed }).toEqual({ status: 'skipped', seed: 77 });
    expect(readFileSync(join(out, 'junit.xml'), 'utf8')).not.toContain('a2a.seed');
    rmSync(dir, { recursive: true, force: true });
  });
});
