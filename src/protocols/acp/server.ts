/** The ACP server of a storm agent: node:http on 127.0.0.1 serving the routes in routes.ts. */
import http from 'node:http';
import { closeHttp, listenHttp } from '../http-server.js';
import type { ProtocolServer, ServeOptions } from '../types.js';
import { RunEngine } from './lifecycle.js';
import { routeAcp, type AcpContext } from './routes.js';
import { RunStore } from './runs.js';
import { SessionStore } from './sessions.js';

/** Deadlines of the server's waits; tests shorten them. */
export interface AcpServerLimits {
  runTimeoutMs?: number;
  awaitTimeoutMs?: number;
}

/** Start an ACP agent; resolves once it listens. Runs, events and sessions are kept in memory only (bounded). */
export async function serveAcp(opts: ServeOptions, limits: AcpServerLimits = {}): Promise<ProtocolServer> {
  const runs = new RunStore();
  const sessions = new SessionStore();
  const engine = new RunEngine({ agentId: opts.id, handler: opts.handler, runs, sessions, ...limits });
  const ctx: AcpContext = { id: opts.id, runs, sessions, engine, base: '' };
  const server = http.createServer({ keepAlive: true }, (req, res) => routeAcp(req, res, ctx));
  const port = await listenHttp(server, opts.port, '127.0.0.1', opts.meter);
  ctx.base = `http://127.0.0.1:${port}`;
  let closing: Promise<void> | undefined;
  return { url: ctx.base, port, close: () => (closing ??= closeHttp(server)) };
}
