/** The ACP server of a storm agent: node:http on 127.0.0.1 serving the routes in routes.ts. */
import http from 'node:http';
import { closeHttp, listenHttp } from '../http-server.js';
import type { ProtocolServer, ServeOptions } from '../types.js';
import { routeAcp, type AcpContext } from './routes.js';
import { RunStore } from './runs.js';

/** Start an ACP agent; resolves once it listens. Runs are kept in memory only. */
export async function serveAcp(opts: ServeOptions): Promise<ProtocolServer> {
  const ctx: AcpContext = { id: opts.id, handler: opts.handler, runs: new RunStore() };
  const server = http.createServer({ keepAlive: true }, (req, res) => routeAcp(req, res, ctx));
  const port = await listenHttp(server, opts.port, '127.0.0.1', opts.meter);
  let closing: Promise<void> | undefined;
  return { url: `http://127.0.0.1:${port}`, port, close: () => (closing ??= closeHttp(server)) };
}
