/**
 * A user's agent as a real process group: started without a shell when the command needs none (the
 * recorded pid is the agent's own), stopped with a grace period for every member of its group — the
 * agent and a helper it started both finish their SIGTERM handlers — and SIGKILLed once the grace
 * is over. No timing is asserted beyond generous upper bounds.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { jsonProtocol } from '../../../src/protocols/json/index.js';
import { AgentProcess, type AgentHooks } from '../../../src/run/agent-process.js';
import { planCommand } from '../../../src/run/command.js';
import { freePorts } from '../../../src/run/ports.js';
import { groupMembers } from '../../../src/util/process-group.js';
import type { Reaper } from '../../../src/run/reaper.js';

const FIXTURE = resolve(import.meta.dirname, '../../fixtures/own-agents');
const started: AgentProcess[] = [];
afterEach(async () => {
  for (const p of started.splice(0)) {
    for (const pid of p.groupPids())
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        /* gone */
      }
  }
});

const hooks: AgentHooks = {
  reaper: { runId: 'unit', add: () => undefined, remove: () => undefined } as unknown as Reaper,
  protocol: jsonProtocol,
  onEvents: () => undefined,
  onExit: () => undefined,
};

async function startAgent(
  command: string,
  env: Record<string, string> = {},
): Promise<{ agent: AgentProcess; log: () => string }> {
  const workspace = mkdtempSync(join(tmpdir(), 'storm-agent-'));
  const [port] = await freePorts(1);
  const agent = await AgentProcess.start(
    {
      id: 'a-0',
      port,
      workspace,
      readyMs: 20_000,
      command,
      cwd: FIXTURE,
      env: { STORM_PORT: String(port), STORM_AGENT_ID: 'a-0', ...env },
    },
    hooks,
  );
  started.push(agent);
  return { agent, log: () => readFileSync(join(workspace, 'agent.log'), 'utf8') };
}

const cmdline = (pid: number) => readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);

describe('planCommand', () => {
  it('runs plain commands directly and keeps the shell for shell syntax', async () => {
    expect(await planCommand('node ./a.mjs --port 9100')).toEqual({
      shell: false,
      file: 'node',
      args: ['./a.mjs', '--port', '9100'],
    });
    expect(await planCommand('python3 my\\ agent.py')).toEqual({
      shell: false,
      file: 'python3',
      args: ['my agent.py'],
    });
    for (const c of [
      'node a.js | tee x',
      'FOO=1 node a.js',
      'node "a b.js"',
      'node $HOME/a.js',
      'cd x && node a.js',
      'node a.js > log',
    ]) {
      expect((await planCommand(c)).shell, c).toBe(true);
    }
  });
});

describe('a user agent process group', () => {
  it('records the agent’s own pid (no shell in between) and every member of its group', async () => {
    const { agent } = await startAgent('node ./graceful-agent.mjs --child');
    expect(cmdline(agent.pid)).toContain('./graceful-agent.mjs');
    let members: number[] = [];
    for (let i = 0; i < 100 && members.length < 2; i++) {
      members = agent.groupPids();
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(members[0]).toBe(agent.pid);
    expect(members.length).toBe(2);
    await agent.stop(3000);
  });

  it('gives the whole group the grace period: the agent and its helper both finish their SIGTERM handlers', async () => {
    // the helper needs twice as long as the agent: a stop that SIGKILLed the group when the agent exited loses its line
    const { agent, log } = await startAgent('node ./graceful-agent.mjs --child', { FLUSH_MS: '150' });
    await waitFor(() => log().includes('child ready')); // its handler is in place
    const pgid = agent.pid;
    await agent.stop(5000);
    expect(log()).toContain('flushed a-0');
    expect(log()).toContain('child flushed a-0');
    expect(groupMembers(pgid)).toEqual([]);
  });

  it('gives the grace period to a command that needs a shell too', async () => {
    const { agent, log } = await startAgent('FLUSH_MS=150 node ./graceful-agent.mjs --child 2>&1');
    await waitFor(() => log().includes('child ready'));
    const pgid = agent.pid;
    await agent.stop(5000);
    expect(log()).toContain('flushed a-0');
    expect(log()).toContain('child flushed a-0');
    expect(groupMembers(pgid)).toEqual([]);
  });

  it('SIGKILLs what is left of the group when the grace ends', async () => {
    const { agent, log } = await startAgent('node ./graceful-agent.mjs --child', { FLUSH_MS: '20000' });
    await waitFor(() => log().includes('child ready'));
    const pgid = agent.pid;
    const t = Date.now();
    await agent.stop(300);
    expect(Date.now() - t).toBeLessThan(10_000);
    expect(groupMembers(pgid)).toEqual([]);
    expect(log()).toContain('SIGTERM a-0');
    expect(log()).not.toContain('flushed a-0');
  });

  it('names the missing program when a command cannot start', async () => {
    await expect(startAgent('./no-such-agent --port 1')).rejects.toThrow(
      /could not start "\.\/no-such-agent --port 1": .*ENOENT/,
    );
  });
});

async function waitFor(check: () => boolean, timeoutMs = 10_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 25));
  }
}
