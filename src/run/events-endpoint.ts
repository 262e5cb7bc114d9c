/**
 * The white-box hook of SPEC §8: one small HTTP server per cell, on 127.0.0.1 only, where a user's
 * agent may POST what its own failure detector and executor saw (user-events.ts has the format).
 * Each agent gets its own URL (`STORM_EVENTS_URL`, carrying a per-cell random token and the agent's
 * id), so an event is attributed to the agent that sent it. Nothing an agent sends can stop the run:
 * a body over MAX_BODY_BYTES, a request slower than REQUEST_TIMEOUT_MS, bad JSON or a malformed
 * event gets a 4xx with the reason, and the cell result carries a warning (see `warnings()`).
 */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AgentEvent } from '../agent/contract.js';
import { monotonicMs } from './clock.js';
import { parseUserEvents } from './user-events.js';

/** Largest request body: 1000 small events fit; a runaway agent does not get the runner's memory. */
export const MAX_BODY_BYTES = 256 * 1024;
/** A request must arrive whole within this (headers and body). */
const REQUEST_TIMEOUT_MS = 5000;
/** Connections at once (an agent keeps one or two); beyond it the kernel queues, then refuses. */
const MAX_CONNECTIONS = 256;
/** Distinct warning texts kept per cell; the rest are only counted. */
const MAX_WARNING_TEXTS = 5;

export interface EventsEndpointOptions {
  agentIds: readonly string[];
  /** Monotonic ms of the cell's start: events claiming an earlier time are rejected. */
  notBeforeMono: number;
  /** Well-formed events of `agent`, times already on the monotonic clock. */
  onEvents(agent: string, events: AgentEvent[]): void;
}

/** The cell's events endpoint. */
export class EventsEndpoint {
  private rejected = 0;
  private readonly texts: string[] = [];
  private closing: Promise<void> | undefined;

  private constructor(
    private readonly server: Server,
    private readonly base: string,
    private readonly opts: EventsEndpointOptions,
  ) {}

  /** Listen on a kernel-chosen 127.0.0.1 port. */
  static async open(opts: EventsEndpointOptions): Promise<EventsEndpoint> {
    const token = randomBytes(8).toString('hex');
    let endpoint: EventsEndpoint | undefined;
    const server = createServer((req, res) => endpoint?.handle(req, res, token));
    server.requestTimeout = REQUEST_TIMEOUT_MS;
    server.headersTimeout = REQUEST_TIMEOUT_MS;
    server.maxConnections = MAX_CONNECTIONS;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    server.on('error', () => undefined);
    const { port } = server.address() as { port: number };
    endpoint = new EventsEndpoint(server, `http://127.0.0.1:${port}/events/${token}/`, opts);
    return endpoint;
  }

  /** The URL agent `id` posts to (its STORM_EVENTS_URL). */
  urlFor(id: string): string {
    return this.base + encodeURIComponent(id);
  }

  /** One line per kind of rejected request (a few, with a count of all), for the cell result. */
  warnings(): string[] {
    if (this.rejected === 0) return [];
    const more = this.rejected > this.texts.length ? ` (${this.rejected} rejected in all)` : '';
    return this.texts.map((t, i) => `STORM_EVENTS_URL: ${t}${i === this.texts.length - 1 ? more : ''}`);
  }

  /** Stop listening and drop open connections. Idempotent. */
  close(): Promise<void> {
    this.closing ??= new Promise<void>((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
    return this.closing;
  }

  private handle(req: IncomingMessage, res: ServerResponse, token: string): void {
    const clocks = { wallMs: Date.now(), monoMs: monotonicMs() };
    const prefix = `/events/${token}/`;
    const id = req.url?.startsWith(prefix) ? safeDecode(req.url.slice(prefix.length)) : undefined;
    if (id === undefined || !this.opts.agentIds.includes(id))
      return this.reject(res, 404, 'unknown events URL (use STORM_EVENTS_URL as given)', undefined, req);
    if (req.method !== 'POST') return this.reject(res, 405, `${req.method} is not allowed: POST the events`, id, req);
    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) over = true;
      else chunks.push(chunk);
    });
    req.on('error', () => undefined);
    req.on('end', () => {
      if (over) return this.reject(res, 413, `body of ${size} bytes is over the ${MAX_BODY_BYTES}-byte limit`, id);
      let body: unknown;
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      } catch (err) {
        return this.reject(res, 400, `not JSON: ${(err as Error).message}`, id);
      }
      const agents = new Set(this.opts.agentIds);
      const { events, errors } = parseUserEvents(body, {
        self: id,
        agents,
        clocks,
        notBeforeMono: this.opts.notBeforeMono,
      });
      if (events.length > 0) this.opts.onEvents(id, events);
      if (errors.length === 0)
        return void res
          .writeHead(200, { 'content-type': 'application/json' })
          .end(JSON.stringify({ ok: true, accepted: events.length }));
      // the well-formed events of a batch are kept; the agent learns which ones were not
      this.reject(res, 400, errors.join('; '), id, undefined, events.length);
    });
  }

  private reject(
    res: ServerResponse,
    status: number,
    why: string,
    agent?: string,
    drain?: IncomingMessage,
    accepted = 0,
  ): void {
    this.rejected++;
    const text = `${agent ?? 'an agent'}: ${status} ${why.slice(0, 300)}`;
    if (this.texts.length < MAX_WARNING_TEXTS && !this.texts.includes(text)) this.texts.push(text);
    drain?.resume();
    if (!res.headersSent) res.writeHead(status, { 'content-type': 'application/json', connection: 'close' });
    res.end(JSON.stringify({ ok: false, error: why, accepted }));
  }
}

function safeDecode(s: string): string | undefined {
  try {
    return decodeURIComponent(s);
  } catch {
    return undefined;
  }
}
