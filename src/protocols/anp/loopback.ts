/**
 * storm agents listen on 127.0.0.1 only, yet their DIDs name `localhost` (did:wba forbids IPs). Node
 * 20 may resolve `localhost` to ::1 first, where nobody listens, so a `localhost` URL is dialled at
 * 127.0.0.1 explicitly, keeping `localhost:<port>` as the Host header: the server then builds the
 * same DID the caller resolved.
 */

/** Where to send a request for `url`, and the headers that keep its name. */
export interface RequestTarget {
  url: URL;
  headers: Record<string, string>;
}

/** The connection target for `url`: 127.0.0.1 for `localhost`, the URL itself otherwise. */
export function loopbackTarget(url: string | URL): RequestTarget {
  const named = new URL(url);
  if (named.hostname.toLowerCase() !== 'localhost') return { url: named, headers: {} };
  const dialled = new URL(named);
  dialled.hostname = '127.0.0.1';
  return { url: dialled, headers: { host: named.host } };
}
