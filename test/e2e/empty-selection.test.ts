/** A filter that selects no cell is a usage error with a did-you-mean (SPEC §5), also with --list. */
import { describe, expect, it } from 'vitest';
import { runCli } from './run-cli.js';

describe('filters that select nothing', () => {
  it('--name with a typo exits 2 and names the closest scenario', () => {
    const r = runCli(['test', 'scenarios/', '--list', '--name', 'Fail-strom']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--name "Fail-strom" matches none of the 6 scenarios found');
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
