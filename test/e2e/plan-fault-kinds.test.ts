/** `storm plan` shows reset, blackhole, bandwidth and message faults on the timeline, with their lift. */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES, runCli } from './run-cli.js';

describe('storm plan with proxy fault kinds', () => {
  it('prints each fault and when it is lifted', () => {
    const links = runCli(['plan', join(FIXTURES, 'network/links/links.storm.yaml')]);
    expect(links.code).toBe(0);
    expect(links.stdout).toContain('t=1.50s  reset 50% of requests into node-1\n  t=2.50s  lifted');
    expect(links.stdout).toContain('t=3.00s  blackhole node-2 (accept, never answer)\n  t=4.50s  lifted');
    expect(links.stdout).toContain('t=5.00s  bandwidth 2000 B/s each way on every link of node-0\n  t=6.00s  lifted');
    const messages = runCli(['plan', join(FIXTURES, 'network/message/message.storm.yaml'), '--protocol', 'acp']);
    expect(messages.code).toBe(0);
    expect(messages.stdout).toContain('[acp]');
    expect(messages.stdout).toContain(
      't=1.00s  message evidence: drop 30% (every link, seeded draws)\n  t=2.00s  lifted',
    );
    expect(messages.stdout).toContain('t=2.20s  message question: duplicate 30%');
    expect(messages.stdout).toContain('t=3.40s  message question: corrupt 30%');
  });
});
