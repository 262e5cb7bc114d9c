/** The ACP server of a storm agent: node:http on 127.0.0.1 serving the routes in routes.ts. */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { meterServer } from '../http-meter.js';
import type { ProtocolServer, ServeOptions } from '../types.js';
import { routeAcp, type AcpContext } from './routes.js';
import { RunStore } from './runs.js';

/** Start an ACP agent; resolves once it listens. Runs are kept in memory only. */
export function serveAcp(opts: ServeOptions): Promise<ProtocolServer> {
  const ctx: AcpContext = { id: opts.id, handler: opts.handler, runs: new RunStore() };
  const server = http.createServer({ keepAlive: true }, (req, res) => routeAcp(req, res, ctx));
  // Longer than any heartbeat interval, so idle peers keep their sockets instead of reconnecting.
  server.keepAliveTimeout = 60_000;
  server.headersTimeout = 65_000;
  meterServer(server, opts.meter);
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, '127.0.0.1', () => {
      server.off('error', reject);
      const port = (server.address() as AddressInfo).port;
      let closing: Promise<void> | undefined;
      resolve({
        url: `http://127.0.0.1:${port}`,
        port,
        close: () =>
          (closing ??= new Promise<void>((done) => {
            server.close(() => done());
            server.closeAllConnections();
          })),
      });
    });
  });
}
