/**
 * The life of an ACP run on a storm agent: created → in-progress → (awaiting → in-progress) →
 * completed | failed | cancelled, each change an event (run.created, run.in-progress, message.created /
 * message.part / message.completed, run.completed …) kept for GET /runs/{id}/events and pushed to
 * whoever streams the run. Every wait is bounded: the agent's answer by `runTimeoutMs`, an await by
 * `awaitTimeoutMs`; a run past either deadline fails.
 *
 * storm's tool cannot be interrupted, so a cancel takes effect at once for the protocol (cancelling,
 * then cancelled) and the tool's eventual answer is dropped.
 */
import type { AgentReply, MessageHandler } from '../types.js';
import {
  awaitPromptOf,
  fromAcpInput,
  isTerminal,
  textPart,
  type AcpAwaitRequest,
  type AcpEvent,
  type AcpMessage,
  type AcpRun,
} from './codec.js';
import type { CreateRequest } from './checks.js';
import { MAX_EVENTS_PER_RUN, type RunRecord, type RunStore, type RunWatcher } from './runs.js';
import type { SessionStore } from './sessions.js';

export interface EngineOptions {
  agentId: string;
  handler: MessageHandler;
  runs: RunStore;
  sessions: SessionStore;
  /** Longest the agent may work on a run (default 10 min). */
  runTimeoutMs?: number;
  /** Longest a run awaits a resume (default 10 min). */
  awaitTimeoutMs?: number;
}

/** Why a cancel or resume was refused (the reference server answers these with 403). */
export class RunStateError extends Error {}

const now = (): string => new Date().toISOString();

/** Whether the run has stopped for now: terminal, or awaiting a resume. Streams end there. */
export function hasSettled(run: AcpRun): boolean {
  return isTerminal(run.status) || run.status === 'awaiting';
}

export class RunEngine {
  private readonly runTimeoutMs: number;
  private readonly awaitTimeoutMs: number;

  constructor(private readonly opts: EngineOptions) {
    this.runTimeoutMs = opts.runTimeoutMs ?? 600_000;
    this.awaitTimeoutMs = opts.awaitTimeoutMs ?? 600_000;
  }

  /** A new run in state `created`, stored (and in its session); nothing emitted or started yet. */
  create(req: CreateRequest, runId: string, bodyBytes: number): RunRecord {
    const run: AcpRun = {
      agent_name: this.opts.agentId,
      run_id: runId,
      status: 'created',
      await_request: null,
      output: [],
      error: null,
      created_at: now(),
    };
    if (req.sessionId !== undefined) run.session_id = req.sessionId;
    const record: RunRecord = {
      run,
      input: req.input,
      events: [],
      watchers: new Set(),
      awaitPrompt: awaitPromptOf(req.input),
      bytes: bodyBytes,
    };
    this.opts.runs.add(record);
    if (req.sessionId !== undefined) this.opts.sessions.addRun(req.sessionId, runId);
    return record;
  }

  /** Emit run.created and start the run: in-progress, then await or hand the input to the agent. */
  start(record: RunRecord): void {
    this.emit(record, { type: 'run.created', run: record.run });
    this.change(record, { status: 'in-progress' }, 'run.in-progress');
    if (record.awaitPrompt !== undefined) return this.awaitResume(record, record.awaitPrompt);
    const input = record.input;
    // Only a session's history reads the input later; not keeping it spares the store's memory and the GC.
    if (record.run.session_id === undefined) record.input = [];
    void this.work(record, input);
  }

  /** Why `answer` cannot resume the run (it is not awaiting, or awaits another type), or undefined. */
  resumeProblem(record: RunRecord, answer: AcpAwaitRequest): string | undefined {
    const asked = record.run.await_request;
    if (record.run.status !== 'awaiting' || !asked) return `Run ${record.run.run_id} has no await request`;
    if (answer.type !== asked.type)
      return `Run ${record.run.run_id} awaits a resume of type ${asked.type}, not ${answer.type}`;
    return undefined;
  }

  /** Resume an awaiting run with the client's answer; throws RunStateError when it cannot resume. */
  resume(record: RunRecord, answer: AcpAwaitRequest): void {
    const problem = this.resumeProblem(record, answer);
    if (problem) throw new RunStateError(problem);
    clearTimeout(record.timer);
    this.change(record, { status: 'in-progress', await_request: null }, 'run.in-progress');
    void this.work(record, answer.message ? [...record.input, answer.message] : record.input);
  }

  /**
   * Cancel a run: returns it as `cancelling` (the 202 answer), and it is `cancelled` (run.cancelled) by the
   * time this returns. Throws RunStateError for a finished run.
   */
  cancel(record: RunRecord): AcpRun {
    const { status } = record.run;
    if (isTerminal(status)) throw new RunStateError(`Run in terminal status ${status} can't be cancelled`);
    clearTimeout(record.timer);
    this.change(record, { status: 'cancelling', await_request: null });
    const cancelling = record.run;
    this.change(record, { status: 'cancelled', finished_at: now() }, 'run.cancelled');
    return cancelling;
  }

  /** Call `watcher` with every later event of the run until it settles; returns the unsubscribe. */
  watch(record: RunRecord, watcher: RunWatcher): () => void {
    record.watchers.add(watcher);
    return () => record.watchers.delete(watcher);
  }

  /** Resolves with the run once it is terminal or awaiting (bounded by the run's own deadlines). */
  settled(record: RunRecord): Promise<AcpRun> {
    if (hasSettled(record.run)) return Promise.resolve(record.run);
    return new Promise((resolve) => {
      const stop = this.watch(record, () => {
        if (!hasSettled(record.run)) return;
        stop();
        resolve(record.run);
      });
    });
  }

  private awaitResume(record: RunRecord, question: string): void {
    record.awaitPrompt = undefined;
    const at = now();
    const message: AcpMessage = {
      role: `agent/${this.opts.agentId}`,
      parts: [textPart(question)],
      created_at: at,
      completed_at: at,
    };
    this.change(record, { status: 'awaiting', await_request: { type: 'message', message } }, 'run.awaiting');
    record.timer = setTimeout(
      () => this.fail(record, `no resume within ${this.awaitTimeoutMs} ms`),
      this.awaitTimeoutMs,
    );
    record.timer.unref();
  }

  private async work(record: RunRecord, input: AcpMessage[]): Promise<void> {
    const run = record.run;
    let reply: AgentReply;
    try {
      const answer = this.opts.handler(fromAcpInput(input, run.run_id, run.session_id));
      const deadline = new Promise<AgentReply>((resolve) => {
        record.timer = setTimeout(
          () => resolve({ ok: false, error: `no answer from the agent within ${this.runTimeoutMs} ms` }),
          this.runTimeoutMs,
        );
        record.timer.unref();
      });
      reply = await Promise.race([answer, deadline]);
    } catch (err) {
      reply = { ok: false, error: err instanceof Error ? err.message : String(err) };
    } finally {
      clearTimeout(record.timer);
    }
    // Cancelled (or timed out) while the agent worked: its answer comes too late to count.
    if (record.run.status !== 'in-progress') return;
    if (reply.ok) this.complete(record, reply.content ?? '');
    else this.fail(record, reply.error ?? 'error');
  }

  private complete(record: RunRecord, content: string): void {
    // storm's agent answers in one piece: the message is created and completed at the same instant
    const at = now();
    const parts = [textPart(content)];
    const role = `agent/${this.opts.agentId}`;
    this.emit(record, { type: 'message.created', message: { role, parts, created_at: at } });
    for (const part of parts) this.emit(record, { type: 'message.part', part });
    const message: AcpMessage = { role, parts, created_at: at, completed_at: at };
    this.emit(record, { type: 'message.completed', message });
    this.opts.runs.grow(record, content.length);
    this.change(record, { status: 'completed', output: [message], finished_at: message.completed_at }, 'run.completed');
  }

  private fail(record: RunRecord, message: string): void {
    if (isTerminal(record.run.status)) return;
    this.change(
      record,
      { status: 'failed', await_request: null, error: { code: 'server_error', message }, finished_at: now() },
      'run.failed',
    );
  }

  private change(
    record: RunRecord,
    patch: Partial<AcpRun>,
    event?: 'run.in-progress' | 'run.awaiting' | 'run.completed' | 'run.failed' | 'run.cancelled',
  ): void {
    record.run = { ...record.run, ...patch };
    if (event) this.emit(record, { type: event, run: record.run });
  }

  private emit(record: RunRecord, event: AcpEvent): void {
    if (record.events.length < MAX_EVENTS_PER_RUN) record.events.push(event);
    for (const watcher of record.watchers) watcher(event);
  }
}
