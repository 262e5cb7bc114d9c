/**
 * did:wba identifiers (did:wba method specification §2, ANP 1.0).
 *
 * `did:wba:localhost%3A9100:agents:worker-3` ↔ `http://localhost:9100/agents/worker-3/did.json`.
 * The identifier is a host name, never an IP address (§2.2: "MUST NOT contain IP addresses"), with
 * the port percent-encoded. storm serves on 127.0.0.1 only, so its agents are named `localhost`;
 * `localhost` DIDs resolve over plain http (the loopback test setting), every other host over https.
 */
import { isIP } from 'node:net';

/** A did:wba identifier storm refuses to create or resolve; the message says why. */
export class DidWbaError extends Error {
  override name = 'DidWbaError';
}

/** The parts of a did:wba identifier. */
export interface DidParts {
  hostname: string;
  port?: number;
  /** Path segments (`agents`, `worker-3`); empty for a domain-level DID. */
  path: string[];
}

const SEGMENT = /^[A-Za-z0-9._-]+$/;
const LABEL = '[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?';
const HOSTNAME = new RegExp(`^(?=.{1,253}$)${LABEL}(?:\\.${LABEL})*$`);
const LOOPBACK_IPS = new Set(['127.0.0.1', '::1', '[::1]']);

/** Build a did:wba identifier; throws DidWbaError for an empty host, an IP address or a bad segment. */
export function createDid({ hostname, port, path }: DidParts): string {
  if (!hostname) throw new DidWbaError('a did:wba host name cannot be empty');
  if (isIP(hostname.replace(/^\[(.*)\]$/, '$1'))) {
    throw new DidWbaError(
      `a did:wba identifier must not contain an IP address (${hostname}); use a host name such as localhost`,
    );
  }
  if (!HOSTNAME.test(hostname))
    throw new DidWbaError(`"${hostname}" is not a valid host name for a did:wba identifier`);
  if (port !== undefined && !(Number.isInteger(port) && port >= 1 && port <= 65535)) {
    throw new DidWbaError(`port ${port} is not a TCP port`);
  }
  for (const s of path) {
    if (!SEGMENT.test(s) || s === '.' || s === '..') throw new DidWbaError(`"${s}" cannot be a did:wba path segment`);
  }
  return [`did:wba:${hostname}${port === undefined ? '' : `%3A${port}`}`, ...path].join(':');
}

/** Split a did:wba identifier into its parts, with the same checks as createDid. */
export function parseDid(did: string): DidParts {
  const parts = did.split(':');
  if (parts.length < 3 || parts[0] !== 'did' || parts[1] !== 'wba')
    throw new DidWbaError(`not a did:wba identifier: ${did}`);
  const [authority, ...path] = parts.slice(2);
  const m = /^([^%]*)(?:%3A([0-9]{1,5}))?$/i.exec(authority);
  if (!m) throw new DidWbaError(`invalid did:wba host in ${did}`);
  const parsed: DidParts = { hostname: m[1], port: m[2] === undefined ? undefined : Number(m[2]), path };
  createDid(parsed);
  return parsed;
}

/** The URL a did:wba identifier resolves to (§2.5: `<host>/<path>/did.json`, `/.well-known/did.json` without a path). */
export function didUrl(did: string): string {
  const { hostname, port, path } = parseDid(did);
  const scheme = hostname.toLowerCase() === 'localhost' ? 'http' : 'https';
  const location = path.length > 0 ? `/${path.join('/')}` : '/.well-known';
  return `${scheme}://${hostname}${port === undefined ? '' : `:${port}`}${location}/did.json`;
}

/**
 * The DID of storm agent `id` served at `authority` (host[:port], as in a URL or a Host header).
 * A loopback IP becomes `localhost`: the agent is the same, and the DID may not name the IP.
 */
export function agentDid(authority: string, id: string): string {
  return createDid({ ...loopbackNamed(authority), path: ['agents', id] });
}

/** The domain-level DID (`did:wba:localhost%3A<port>`) of the server at `authority`. */
export function hostDid(authority: string): string {
  return createDid({ ...loopbackNamed(authority), path: [] });
}

function loopbackNamed(authority: string): { hostname: string; port?: number } {
  let url: URL;
  try {
    url = new URL(`http://${authority}`);
  } catch {
    throw new DidWbaError(`"${authority}" is not a host[:port]`);
  }
  if (url.username || url.password || url.pathname !== '/' || url.search || url.hash) {
    throw new DidWbaError(`"${authority}" is not a host[:port]`);
  }
  const hostname = LOOPBACK_IPS.has(url.hostname) ? 'localhost' : url.hostname;
  return { hostname, port: url.port ? Number(url.port) : undefined };
}
