/**
 * A plain HTTP proxy in front of one server that records what each request said: path, A2A-Version
 * header and JSON-RPC method. It lets a test see which A2A version a client really spoke.
 */
import { createServer, request, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Recorded {
  method: string;
  path: string;
  version: string | undefined;
  rpcMethod: string | undefined;
}

export interface RecordingProxy {
  url: string;
  seen: Recorded[];
  close(): Promise<void>;
}

/** Start a proxy on 127.0.0.1 forwarding to `target` (an http://host:port origin). */
export async function recordingProxy(target: string): Promise<RecordingProxy> {
  const to = new URL(target);
  const seen: Recorded[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      let rpcMethod: string | undefined;
      try {
        rpcMethod = body.length ? (JSON.parse(body.toString('utf8')) as { method?: string }).method : undefined;
      } catch {
        rpcMethod = undefined;
      }
      const version = req.headers['a2a-version'];
      seen.push({
        method: req.method ?? '',
        path: req.url ?? '',
        version: Array.isArray(version) ? version[0] : version,
        rpcMethod,
      });
      // Forward with the Host the client used, so a storm agent's card keeps pointing at the proxy.
      const headers: IncomingHttpHeaders = { ...req.headers };
      const up = request({ host: to.hostname, port: to.port, method: req.method, path: req.url, headers }, (r) => {
        res.writeHead(r.statusCode ?? 502, r.headers);
        r.pipe(res);
      });
      up.on('error', () => res.destroy());
      up.end(body);
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    seen,
    close: () =>
      new Promise<void>((done) => {
        server.close(() => done());
        server.closeAllConnections();
      }),
  };
}
