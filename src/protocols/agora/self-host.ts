/**
 * A sender without a server of its own (the runner's driver, `self: 'client'`) must still publish
 * the protocol document its messages name. The first such connect() starts, lazily and once per
 * process (per meter), a tiny 127.0.0.1 HTTP server answering `GET /protocol/<hash>`. That keeps
 * the receivers' document fetches real HTTP requests, with real bytes (metered when a meter is
 * given); a `data:` URL would have hidden that cost. The server is unref'd so it never keeps the
 * process alive.
 */
import type { WireMeter } from '../types.js';
import { oncePerMeter, startSideServer } from '../http-server.js';
import { publishedDocuments } from './documents.js';

const hosts = new Map<WireMeter | undefined, Promise<string>>();

/** Base URL of the process's protocol-document server, started on first use. */
export function documentHost(meter?: WireMeter): Promise<string> {
  return oncePerMeter(hosts, meter, () => start(meter));
}

async function start(meter: WireMeter | undefined): Promise<string> {
  const port = await startSideServer((req, res) => {
    const path = (req.url ?? '').split('?')[0];
    const doc =
      req.method === 'GET' && path.startsWith('/protocol/') ? publishedDocuments.get(path.slice(10)) : undefined;
    if (doc === undefined) {
      res.writeHead(404, { 'content-length': 0 });
      return void res.end();
    }
    res.writeHead(200, { 'content-type': 'text/markdown; charset=utf-8', 'content-length': Buffer.byteLength(doc) });
    res.end(doc);
  }, meter);
  return `http://127.0.0.1:${port}`;
}
