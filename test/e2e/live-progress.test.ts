/**
 * The live view in a real pseudo-terminal (`script` from util-linux): a real run, not under CI, draws
 * the running cell — its workload phase and the fault in force, fed by the run's own events — and the
 * n/N progress line in place, and ends with the finished cell named.
 */
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { CLI, FIXTURES, ROOT, tempOutput } from './run-cli.js';

const quote = (s: string): string => `'${s.replace(/'/g, `'\\''`)}'`;

describe('storm test under a pseudo-terminal', () => {
  it('redraws the progress region and keeps finished cells named', () => {
    const args = [process.execPath, CLI, 'test', `${FIXTURES}/engine/pass`, '-r', 'console', '-o', tempOutput()];
    const env = { ...process.env } as Record<string, string>;
    delete env.CI;
    delete env.GITHUB_ACTIONS;
    const r = spawnSync('script', ['-qec', `stty cols 120 rows 40; ${args.map(quote).join(' ')}`, '/dev/null'], {
      cwd: ROOT,
      encoding: 'utf8',
      env,
      timeout: 120_000,
    });
    if (r.error) throw new Error(`script (util-linux) is required: ${r.error.message}`);
    const text = r.stdout;
    expect(text).toMatch(/\u001b\[\d+F\u001b\[J/); // drawn in place, not line by line
    const plain = text.replace(/\u001b\[[0-9;?]*[ -/]*[@-~]/g, '');
    expect(plain).toContain('0/1 cells · 0s elapsed · ETA');
    expect(plain).toMatch(/● Engine pass — echo agents, one killed and restarted \[json\] starting 3 agents/);
    // the workload's phase from the run's own events: before the kill, while its victim is down, after its restart
    const title = 'Engine pass — echo agents, one killed and restarted [json]';
    expect(plain).toContain(`● ${title} pre-fault · `);
    expect(plain).toMatch(/● Engine pass .* \[json\] ⚡ fault: kill node-\d · \d+\.\d s \/ 4 s/);
    expect(plain).toContain(`● ${title} post-fault · `);
    expect(plain.indexOf('pre-fault')).toBeLessThan(plain.indexOf('⚡ fault: kill'));
    expect(plain.indexOf('⚡ fault: kill')).toBeLessThan(plain.indexOf('post-fault'));
    expect(plain).toMatch(/[✓✗?] Engine pass — echo agents, one killed and restarted \[json\] \d+\.\ds/);
    expect(plain).not.toContain('▶ '); // the plain CI lines are not used on a terminal
    expect(plain).toMatch(/Cells: +1 (passed|failed|inconclusive), 1 total/);
  }, 150_000);
});
