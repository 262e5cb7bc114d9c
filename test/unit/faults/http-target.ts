/** A real HTTP target for the fault proxy tests: records every request body and answers JSON. */
import { request as httpRequest, type Agent, createServer, type IncomingMessage, type Server } from 'node:http';

export interface HttpTarget {
  port: number;
  /** Raw bodies received, in arrival order. */
  bodies: Buffer[];
  server: Server;
  close(): Promise<void>;
}

/** Answers `{"ok":true,"content":<the request body>}`; 400 when the body is not JSON. */
export async function httpTarget(): Promise<HttpTarget> {
  const bodies: Buffer[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      bodies.push(body);
      try {
        JSON.parse(body.toString() || '{}');
      } catch {
        res.writeHead(400, { 'content-type': 'application/json' }).end('{"ok":false,"error":"bad json"}');
        return;
      }
      const out = JSON.stringify({ ok: true, content: body.toString() });
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(out) }).end(out);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    port: (server.address() as { port: number }).port,
    bodies,
    server,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

/** What one POST saw: a status and body, a socket error code, or `timeout` (nothing within `timeoutMs`). */
export type PostResult = { status: number; body: string } | { error: string };

/** POST `body` to 127.0.0.1:port over `agent` (keep-alive by default), bounded by `timeoutMs`. */
export function post(port: number, body: unknown, timeoutMs: number, agent?: Agent): Promise<PostResult> {
  return new Promise((resolve) => {
    const data = JSON.stringify(body);
    const req = httpRequest(
      {
        host: '127.0.0.1',
        port,
        path: '/message',
        method: 'POST',
        agent,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(data) },
      },
      (res: IncomingMessage) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => finish({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('latin1') }));
        res.on('error', (e: NodeJS.ErrnoException) => finish({ error: e.code ?? 'error' }));
      },
    );
    const timer = setTimeout(() => {
      finish({ error: 'timeout' });
      req.destroy();
    }, timeoutMs);
    let done = false;
    function finish(r: PostResult): void {
      if (done) return;
      done = true;
      clearTimeout(timer);
      resolve(r);
    }
    req.on('error', (e: NodeJS.ErrnoException) => finish({ error: e.code ?? 'error' }));
    req.end(data);
  });
}

/** A storm json-protocol message of `type`. */
export function stormMessage(type: string, n: number): Record<string, unknown> {
  return { id: `m-${n}`, task_id: `t-${n}`, step: 0, from: 'client', type, content: `q${n}`, ttl: 0 };
}
