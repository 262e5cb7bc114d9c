/**
 * A caller without a server of its own (the runner's driver, `self: 'client'`) still needs a
 * resolvable did:wba DID. The first such connect() starts, lazily and once per process (per meter),
 * a tiny 127.0.0.1 HTTP server that only publishes the DID documents of those identities (named
 * `did:wba:localhost%3A<port>:agents:<id>`, like an agent's). It is
 * unref'd so it never keeps the process alive, and metered like any agent server when a meter is
 * given, so the peers' DID fetches are counted too.
 */
import { oncePerMeter, startSideServer } from '../http-server.js';
import { sendJson } from '../http-io.js';
import type { WireMeter } from '../types.js';
import { identityOf } from './identity.js';

interface SelfHost {
  /** host:port of the server. */
  host: string;
  ids: Set<string>;
}

const hosts = new Map<WireMeter | undefined, Promise<SelfHost>>();

/** The host:port at which `id`'s DID document is published, starting the server on first use. */
export async function selfHostFor(id: string, meter?: WireMeter): Promise<string> {
  const host = await oncePerMeter(hosts, meter, () => start(meter));
  host.ids.add(id);
  return host.host;
}

async function start(meter: WireMeter | undefined): Promise<SelfHost> {
  const ids = new Set<string>();
  let port = 0;
  port = await startSideServer((req, res) => {
    const m = /^\/agents\/([A-Za-z0-9._-]+)\/did\.json$/.exec((req.url ?? '').split('?')[0]);
    if (req.method !== 'GET' || !m || !ids.has(m[1])) return sendJson(res, 404, { error: 'not_found' });
    try {
      sendJson(res, 200, identityOf(m[1]).documentJson(req.headers.host ?? `127.0.0.1:${port}`));
    } catch (err) {
      sendJson(res, 400, { error: 'invalid_host', message: (err as Error).message });
    }
  }, meter);
  return { host: `127.0.0.1:${port}`, ids };
}
