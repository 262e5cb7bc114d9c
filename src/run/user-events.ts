/**
 * What a user's agent may report through STORM_EVENTS_URL (SPEC §8), checked and mapped onto the
 * host's monotonic clock. Pure: the endpoint (events-endpoint.ts) reads the clocks and the body.
 *
 * An event: `{"type": "detect" | "rejoin", "peer": "<agent id>", "t_wall_ms": …}` or
 * `{"type": "exec", "task_id": "…", "step": 0, "t_wall_ms": …}`; `detect` may add
 * `"evidence": "refused" | "silence"`. Instead of `t_wall_ms` (Date.now() when it happened) an agent
 * may send `t_mono_ms`: CLOCK_MONOTONIC in ms (Python `time.monotonic() * 1000`, Node
 * `Number(process.hrtime.bigint()) / 1e6`), which needs no mapping and no wall clock.
 * Other fields are ignored, so agents can carry their own debugging data.
 */
import type { AgentEvent } from '../agent/contract.js';

/** Events one request may carry; more is a malformed request, not a slow one. */
export const MAX_EVENTS_PER_REQUEST = 1000;
/** How far in the future (after its arrival) an event may claim to have happened: clock granularity. */
const FUTURE_SLACK_MS = 1000;
const MAX_ID_CHARS = 200;
const MAX_STEP = 10_000;

/** Both clocks read together at the moment a request arrived. */
export interface ClockPair {
  wallMs: number;
  monoMs: number;
}

export interface EventContext {
  /** The reporting agent. */
  self: string;
  /** Every agent id of the cell. */
  agents: ReadonlySet<string>;
  clocks: ClockPair;
  /** Monotonic ms before which nothing of this cell can have happened (the cell's start). */
  notBeforeMono: number;
}

/** The events that were well formed, and one reason per malformed one. */
export interface ParsedEvents {
  events: AgentEvent[];
  errors: string[];
}

/** Check a request body (one event or an array) and map each event's time onto the monotonic clock. */
export function parseUserEvents(body: unknown, ctx: EventContext): ParsedEvents {
  const items = Array.isArray(body) ? body : [body];
  if (items.length > MAX_EVENTS_PER_REQUEST) {
    return { events: [], errors: [`${items.length} events in one request; at most ${MAX_EVENTS_PER_REQUEST}`] };
  }
  const events: AgentEvent[] = [];
  const errors: string[] = [];
  items.forEach((item, i) => {
    const r = parseOne(item, ctx);
    const where = Array.isArray(body) ? `event ${i}: ` : '';
    if (typeof r === 'string') errors.push(where + r);
    else events.push(r);
  });
  return { events, errors };
}

function parseOne(e: unknown, ctx: EventContext): AgentEvent | string {
  if (typeof e !== 'object' || e === null || Array.isArray(e)) return 'an event must be a JSON object';
  const o = e as Record<string, unknown>;
  const at = timeOf(o, ctx);
  if (typeof at === 'string') return at;
  if (o.type === 'detect' || o.type === 'rejoin') {
    const peer = o.peer;
    if (typeof peer !== 'string') return `"${o.type}" needs "peer": the id of the agent it is about`;
    if (!ctx.agents.has(peer))
      return `"peer" ${JSON.stringify(peer.slice(0, MAX_ID_CHARS))} is not an agent of this run (STORM_PEERS lists them)`;
    if (peer === ctx.self) return `"peer" is the reporting agent itself`;
    if (o.type === 'rejoin') return { type: 'rejoin', at, peer };
    const evidence = o.evidence;
    if (evidence !== undefined && evidence !== 'refused' && evidence !== 'silence')
      return `"evidence" must be "refused" or "silence"`;
    return { type: 'detect', at, peer, ...(evidence ? { evidence } : {}) };
  }
  if (o.type === 'exec') {
    if (typeof o.task_id !== 'string' || o.task_id.length === 0 || o.task_id.length > MAX_ID_CHARS) {
      return `"exec" needs "task_id": the task id of the message it executed (a string of 1..${MAX_ID_CHARS} characters)`;
    }
    const step = o.step ?? 0;
    if (typeof step !== 'number' || !Number.isInteger(step) || step < 0 || step > MAX_STEP)
      return `"step" must be an integer 0..${MAX_STEP}`;
    return { type: 'exec', at, task: o.task_id, step };
  }
  return `"type" must be "detect", "rejoin" or "exec", got ${JSON.stringify(o.type ?? null)?.slice(0, 40)}`;
}

/** The event's time on the monotonic clock, or why it has none. */
function timeOf(o: Record<string, unknown>, ctx: EventContext): number | string {
  let at: number;
  if (o.t_mono_ms !== undefined) {
    if (typeof o.t_mono_ms !== 'number' || !Number.isFinite(o.t_mono_ms))
      return '"t_mono_ms" must be a number (ms on CLOCK_MONOTONIC)';
    at = o.t_mono_ms;
  } else if (o.t_wall_ms !== undefined) {
    if (typeof o.t_wall_ms !== 'number' || !Number.isFinite(o.t_wall_ms))
      return '"t_wall_ms" must be a number (Date.now() when it happened)';
    // the same instant on both clocks: the wall time's distance from "now" is kept on the monotonic clock
    at = ctx.clocks.monoMs - (ctx.clocks.wallMs - o.t_wall_ms);
  } else {
    return 'needs "t_wall_ms" (Date.now() when it happened) or "t_mono_ms"';
  }
  const field = o.t_mono_ms !== undefined ? 't_mono_ms' : 't_wall_ms';
  if (at > ctx.clocks.monoMs + FUTURE_SLACK_MS)
    return `"${field}" is ${Math.round(at - ctx.clocks.monoMs)} ms in the future`;
  if (at < ctx.notBeforeMono)
    return `"${field}" is before this run's agents started (${Math.round(ctx.notBeforeMono - at)} ms earlier)`;
  return at;
}
