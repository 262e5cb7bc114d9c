/** A mass start failure reads as one sentence per cause, not one line per agent. */
import { describe, expect, it } from 'vitest';
import { AgentStartError } from '../../../src/run/agent-process.js';
import { summarizeStartFailures } from '../../../src/run/start-failures.js';

const notReady = (id: string) => ({ agent: id, error: new AgentStartError(`${id} was not ready within 60000 ms`) });

describe('summarizeStartFailures', () => {
  it('groups 232 agents with one cause into one sentence with a range', () => {
    const failures = Array.from({ length: 232 }, (_, i) => notReady(`node-${i}`));
    expect(summarizeStartFailures(failures, 250)).toBe(
      '232 of 250 agents: was not ready within 60000 ms (node-0 … node-231)',
    );
  });

  it('keeps a single failure as it was said, and separates causes', () => {
    const crashed = {
      agent: 'node-9',
      error: new AgentStartError('node-9 exited before it was ready (code 1, signal null); see its agent.log'),
    };
    expect(summarizeStartFailures([crashed], 10)).toBe(
      'node-9 exited before it was ready (code 1, signal null); see its agent.log',
    );
    const s = summarizeStartFailures([notReady('a'), crashed, notReady('b'), notReady('c')], 10);
    expect(s).toBe(
      '3 of 10 agents: was not ready within 60000 ms (a, b, c); node-9 exited before it was ready (code 1, signal null); see its agent.log',
    );
  });

  it('names every cause even when the message does not start with the agent id', () => {
    const s = summarizeStartFailures(
      [
        { agent: 'x', error: new Error('interrupted') },
        { agent: 'y', error: 'interrupted' },
      ],
      2,
    );
    expect(s).toBe('2 of 2 agents: interrupted (x, y)');
  });
});
