/**
 * One agent OS process: the built-in runtime (`node dist/agents/<protocol>.cjs`) or a user's `command`.
 * Each runs detached in its own process group so a signal reaches everything it started, and is
 * registered with the reaper so it dies with the runner. `stop()` is idempotent: a fault kill and
 * teardown can both call it without racing.
 */
import { StormError } from '../model/errors.js';
import type { StdioOptions } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AGENT_NODE_FLAGS, agentEnv } from '../agent/spawn-env.js';
import {
  AGENT_CONFIG_ENV,
  type AgentConfig,
  type AgentEvent,
  type AgentToRunner,
  type RunnerToAgent,
} from '../agent/contract.js';
import type { Protocol } from '../protocols/types.js';
import { monotonicMs } from './clock.js';
import { planCommand } from './command.js';
import { type AgentChild, spawner } from './spawner.js';
import { groupMembers, waitGroupGone } from '../util/process-group.js';
import type { Reaper } from './reaper.js';

const AGENT_MAIN = fileURLToPath(new URL('../agent/main.js', import.meta.url));
const bundles = new Map<string, string>();

/**
 * The script a built-in agent of `protocol` runs: its one-file bundle (dist/agents/<protocol>.cjs,
 * scripts/bundle-agents.mjs), which boots in about two thirds of the time, or the modules tsc wrote
 * when no bundle was built.
 */
export function agentScript(protocol: string): string {
  let script = bundles.get(protocol);
  if (!script) {
    const bundle = fileURLToPath(new URL(`../../agents/${protocol}.cjs`, import.meta.url));
    script = existsSync(bundle) ? bundle : AGENT_MAIN;
    bundles.set(protocol, script);
  }
  return script;
}

/** How to start one agent. */
export interface AgentLaunch {
  id: string;
  port: number;
  workspace: string;
  readyMs: number;
  /** Protocol version the agent is pinned to (`protocol_version`): readiness requires it. */
  protocolVersion?: string;
  /** Built-in runtime. */
  config?: AgentConfig;
  /** A user's program (placeholders already substituted), run directly unless it needs a shell (command.ts). */
  command?: string;
  cwd: string;
  env: Record<string, string>;
}

export interface AgentHooks {
  reaper: Reaper;
  /** The cell's tag: with the run id, in every agent's environment so teardown can find its daemons. */
  cellTag?: string;
  /** Aborts when the run is interrupted: a start-up in progress gives up at once (not at `ready`). */
  signal?: AbortSignal;
  /** The protocol whose readiness check applies to `command` agents. */
  protocol: Protocol;
  onEvents(agent: string, events: AgentEvent[]): void;
  onExit(agent: string, pid: number, code: number | null, signal: string | null): void;
}

/** Thrown when an agent does not become ready in time (the cell is inconclusive). */
export class AgentStartError extends StormError<'agent-start'> {
  override name = 'AgentStartError';

  constructor(message: string) {
    super('agent-start', message);
  }
}

/** A running agent process. */
export class AgentProcess {
  readonly url: string;
  readyAt = 0;
  private exitInfo: { code: number | null; signal: string | null } | null = null;
  private readonly exited: Promise<void>;
  /** stdout and stderr have closed: everything the group wrote has reached agent.log. */
  private readonly drained: Promise<void>;
  private stopping: Promise<void> | null = null;
  /** storm sent the group SIGSTOP and no SIGCONT since. */
  private stopSent = false;

  private constructor(
    readonly launch: AgentLaunch,
    private readonly child: AgentChild,
    private readonly hooks: AgentHooks,
  ) {
    this.url = `http://127.0.0.1:${launch.port}`;
    hooks.reaper.add(this.pid);
    this.drained = new Promise((resolve) => child.once('close', () => resolve()));
    this.exited = new Promise((resolve) => {
      child.once('exit', (code: number | null, signal: string | null) => {
        this.exitInfo = { code, signal };
        hooks.onExit(launch.id, this.pid, code, signal);
        resolve();
      });
    });
    child.on('message', (msg: AgentToRunner) => {
      if (msg.type === 'events') hooks.onEvents(launch.id, msg.events);
    });
  }

  get id(): string {
    return this.launch.id;
  }

  get pid(): number {
    return this.child.pid;
  }

  get alive(): boolean {
    return this.exitInfo === null;
  }

  /** Tell a built-in agent something over IPC; a no-op for a user's agent or a gone process. */
  notify(msg: RunnerToAgent): void {
    if (!this.child.connected) return;
    try {
      this.child.send(msg);
    } catch {
      // the channel closed between the check and the send: the agent is going away anyway
    }
  }

  /**
   * Spawn (off the main thread, spawner.ts) and wait until ready (IPC `ready` for built-ins, the
   * protocol's own check for commands). stdout and stderr go to agent.log through pipes, so a chatty
   * agent's log is capped (capped-log.ts).
   */
  static async start(launch: AgentLaunch, hooks: AgentHooks): Promise<AgentProcess> {
    // Tags inherited by everything the agent starts, even a daemon that leaves its process group.
    const tags = { STORM_RUN: hooks.reaper.runId, ...(hooks.cellTag ? { STORM_CELL: hooks.cellTag } : {}) };
    const logPath = join(launch.workspace, 'agent.log');
    let child: AgentChild;
    try {
      if (launch.config) {
        // Without NODE_EXTRA_CA_CERTS (unless the agent needs TLS): Node parses it at every boot (~300 ms).
        const env = {
          ...agentEnv(process.env, launch.config),
          ...launch.env,
          ...tags,
          [AGENT_CONFIG_ENV]: JSON.stringify(launch.config),
        };
        // No V8 heap-size flags: --max-semi-space-size=2 kept a saturated agent's RSS at 62 instead of
        // 71 MB but cost every boot ≈ 12 ms more CPU, which large cells pay hundreds of times.
        const opts = { cwd: launch.cwd, env, detached: true, stdio: ['ignore', 'pipe', 'pipe', 'ipc'] as StdioOptions };
        child = await spawner.spawn(
          process.execPath,
          [...AGENT_NODE_FLAGS, agentScript(launch.config.protocol)],
          opts,
          logPath,
        );
      } else {
        const env = { ...process.env, ...launch.env, ...tags };
        const plan = await planCommand(launch.command ?? 'false');
        const opts = { cwd: launch.cwd, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] as StdioOptions };
        child = plan.shell
          ? await spawner.spawn(plan.command, [], { ...opts, shell: true }, logPath)
          : await spawner.spawn(plan.file, plan.args, opts, logPath);
      }
    } catch (err) {
      // A missing program: the spawn itself failed, no process exists.
      throw new AgentStartError(
        `${launch.id}: could not start ${JSON.stringify(launch.command ?? 'the agent')}: ${(err as Error).message}`,
      );
    }
    const agent = new AgentProcess(launch, child, hooks);
    try {
      await agent.waitReady();
    } catch (err) {
      await agent.stop(500);
      throw err;
    }
    agent.readyAt = monotonicMs();
    return agent;
  }

  private async waitReady(): Promise<void> {
    const { id, readyMs } = this.launch;
    const deadline = `${id} was not ready within ${readyMs} ms`;
    const exitedEarly = this.exited.then(() => {
      throw new AgentStartError(
        `${id} exited before it was ready (code ${this.exitInfo?.code}, signal ${this.exitInfo?.signal}); see its agent.log`,
      );
    });
    let ready: Promise<void>;
    if (this.launch.config) {
      ready = new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new AgentStartError(deadline)), readyMs);
        this.child.on('message', (msg: AgentToRunner) => {
          if (msg.type === 'ready') {
            clearTimeout(timer);
            resolve();
          }
          if (msg.type === 'fatal') {
            clearTimeout(timer);
            reject(new AgentStartError(`${id}: ${msg.message}`));
          }
        });
      });
    } else {
      ready = this.hooks.protocol.ready(this.url, readyMs, this.launch.protocolVersion).then((ok) => {
        if (!ok) throw new AgentStartError(deadline);
      });
    }
    const signal = this.hooks.signal;
    const interrupted = new Promise<never>((_, reject) => {
      const stop = () => reject(new AgentStartError('interrupted'));
      if (signal?.aborted) stop();
      signal?.addEventListener('abort', stop, { once: true });
      // once start-up is settled the listener has nothing left to do
      void Promise.allSettled([ready]).then(() => signal?.removeEventListener('abort', stop));
    });
    await Promise.race([ready, exitedEarly, interrupted]);
  }

  /** Send a signal to the whole process group. Returns false when the group is already gone. */
  signal(sig: NodeJS.Signals): boolean {
    try {
      process.kill(-this.pid, sig);
      if (sig === 'SIGSTOP') this.stopSent = true;
      else if (sig === 'SIGCONT') this.stopSent = false;
      return true;
    } catch {
      return false;
    }
  }

  /** Wait for the process to exit, at most `timeoutMs`; true if it did. */
  async waitExit(timeoutMs: number): Promise<boolean> {
    if (!this.alive) return true;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), timeoutMs)));
    const done = await Promise.race([this.exited.then(() => true), timeout]);
    clearTimeout(timer);
    return done;
  }

  /**
   * True when the kernel reports the process stopped (state T), i.e. a SIGSTOP took effect. Only a
   * process storm has sent SIGSTOP (and no SIGCONT since) is looked up: a kill fault asks this of every
   * candidate, and reading /proc for 250 of them took the runner half a second on a loaded machine.
   */
  isStopped(): boolean {
    if (!this.stopSent) return false;
    try {
      const stat = readFileSync(`/proc/${this.pid}/stat`, 'utf8');
      return stat.slice(stat.lastIndexOf(')') + 2).startsWith('T');
    } catch {
      return false;
    }
  }

  /** A built-in agent starts no process (except with the `exec` tool): its group is itself. */
  get soleProcess(): boolean {
    return this.launch.config !== undefined && this.launch.config.tool.kind !== 'exec';
  }

  /** Pids of every live process in the agent's process group (the agent first), from /proc. */
  groupPids(): number[] {
    const members = groupMembers(this.pid);
    return members.length > 0 ? members : [this.pid];
  }

  /**
   * SIGTERM to the whole group, then wait until every process of the group is gone — the agent and
   * whatever it started, each running its own SIGTERM handler — or `graceMs` ends; then SIGKILL of
   * the group. Idempotent.
   */
  stop(graceMs = 1000): Promise<void> {
    this.stopping ??= (async () => {
      // A built-in agent that starts nothing is its whole group: its exit is enough, and the /proc
      // scans that find a group's other members cost the runner seconds at teardown of 250 agents.
      const sole = this.soleProcess;
      if (this.alive || (!sole && groupMembers(this.pid).length > 0)) {
        this.signal('SIGCONT'); // a paused agent cannot handle SIGTERM
        this.signal('SIGTERM');
        const deadline = Date.now() + graceMs;
        await this.waitExit(graceMs);
        if (!sole) await waitGroupGone(this.pid, Math.max(0, deadline - Date.now()));
      }
      // whatever is left of the group after the grace (an agent ignoring SIGTERM, its children)
      this.signal('SIGKILL');
      await this.waitExit(5000);
      // the last lines (a SIGTERM handler's) may still sit in the pipes; a setsid daemon holding
      // them open must not hold teardown (nor a restart, which stops with no grace), hence the bound
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([this.drained, new Promise((r) => (timer = setTimeout(r, Math.min(graceMs, 1000))))]);
      clearTimeout(timer);
      // a daemon that inherited the output pipes must not keep the runner alive (it is swept by tag)
      this.child.unrefOutput();
      this.hooks.reaper.remove(this.pid);
      if (this.child.connected) this.child.disconnect();
    })();
    return this.stopping;
  }
}
