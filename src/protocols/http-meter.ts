/**
 * Counts bytes at the transport for any node:http server: every byte read from and written to its
 * sockets, both directions, attributed to the request that just finished. Protocols call
 * `meterServer(server, meter)` right after creating their server, so the numbers include headers,
 * handshakes and discovery requests — the protocol's real cost on the wire.
 */
import type { Server } from 'node:http';
import type { Socket } from 'node:net';
import type { WireMeter } from './types.js';

/** Attach a meter to an HTTP server. Safe to call without a meter (no-op). */
export function meterServer(server: Server, meter: WireMeter | undefined): void {
  if (!meter) return;
  const seen = new WeakMap<Socket, number>();
  const flush = (socket: Socket, messages: number): void => {
    const total = socket.bytesRead + socket.bytesWritten;
    const before = seen.get(socket) ?? 0;
    seen.set(socket, total);
    if (total > before || messages > 0) meter.add(total - before, messages);
  };
  server.on('request', (req, res) => {
    res.on('finish', () => flush(req.socket, 1));
  });
  // Bytes after the last response on a socket (e.g. a request cut short) still count.
  server.on('connection', (socket: Socket) => {
    socket.on('close', () => flush(socket, 0));
  });
}
