/**
 * node:http server plumbing shared by the protocol servers: keep-alive tuning, wire metering,
 * listening and closing. Routes stay in each protocol; only the lifecycle lives here.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { meterServer } from './http-meter.js';
import type { WireMeter } from './types.js';

/**
 * Tune keep-alive, attach the meter and listen on `host:port` (0 = any free port); resolves with the
 * bound port. Keep-alive outlasts any heartbeat interval, so idle peers keep their sockets.
 */
export function listenHttp(
  server: http.Server,
  port: number,
  host: string,
  meter: WireMeter | undefined,
): Promise<number> {
  server.keepAliveTimeout = 60_000;
  server.headersTimeout = 65_000;
  meterServer(server, meter);
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

/** Stop listening and drop every open connection; resolves once the server has closed. */
export function closeHttp(server: http.Server): Promise<void> {
  return new Promise<void>((done) => {
    server.close(() => done());
    server.closeAllConnections();
  });
}

/**
 * A process-wide helper server on 127.0.0.1 (one per meter), started on first use by `start` and
 * shared afterwards; a failed start is forgotten so the next call tries again.
 */
export function oncePerMeter<T>(
  cache: Map<WireMeter | undefined, Promise<T>>,
  meter: WireMeter | undefined,
  start: () => Promise<T>,
): Promise<T> {
  let pending = cache.get(meter);
  if (!pending) {
    pending = start();
    cache.set(meter, pending);
    pending.catch(() => cache.delete(meter));
  }
  return pending;
}

/** Start an unref'd, metered 127.0.0.1 server on a free port (it never keeps the process alive); resolves with the port. */
export function startSideServer(handler: http.RequestListener, meter: WireMeter | undefined): Promise<number> {
  const server = http.createServer({ keepAlive: true }, handler);
  server.keepAliveTimeout = 60_000;
  meterServer(server, meter);
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.unref();
      resolve((server.address() as AddressInfo).port);
    });
  });
}
