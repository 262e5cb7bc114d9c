/** A tiny TCP echo server and a client helper for the fault proxy tests. */
import { connect, createServer, type Server, type Socket } from 'node:net';

/** An echo server on 127.0.0.1 that tracks its open sockets. */
export async function echoServer(
  port = 0,
): Promise<{ port: number; sockets: Set<Socket>; server: Server; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const server = createServer((s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
    s.on('error', () => undefined);
    s.pipe(s);
  });
  await new Promise<void>((r) => server.listen(port, '127.0.0.1', r));
  return {
    port: (server.address() as { port: number }).port,
    sockets,
    server,
    close: () =>
      new Promise<void>((r) => {
        for (const s of sockets) s.destroy();
        server.close(() => r());
      }),
  };
}

/** Connect to 127.0.0.1:port. */
export function dial(port: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const s = connect({ host: '127.0.0.1', port });
    s.once('connect', () => resolve(s));
    s.once('error', reject);
  });
}

/** Collect `n` bytes from a socket, or whatever arrived when `timeoutMs` passes. */
export function readBytes(s: Socket, n: number, timeoutMs: number): Promise<Buffer> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let got = 0;
    const done = (): void => {
      clearTimeout(timer);
      s.off('data', onData);
      resolve(Buffer.concat(chunks));
    };
    const onData = (c: Buffer): void => {
      chunks.push(c);
      got += c.length;
      if (got >= n) done();
    };
    const timer = setTimeout(done, timeoutMs);
    s.on('data', onData);
  });
}

/** Resolve with the error code a socket fails with, or 'closed' / 'timeout'. */
export function failure(s: Socket, timeoutMs: number): Promise<string> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve('timeout'), timeoutMs);
    s.once('error', (e: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      resolve(e.code ?? 'error');
    });
    s.once('close', () => {
      clearTimeout(timer);
      resolve('closed');
    });
  });
}
