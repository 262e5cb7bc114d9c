/**
 * The did:wba identities of this process, one per agent id, created on first use and kept only in
 * memory. serve() publishes an identity's DID document and connect() signs with the same key, so an
 * agent that both serves and calls peers has one identity; a new process has new keys.
 */
import { didDocument, didFor } from './did.js';
import { generateKeyPair, type KeyPair } from './keys.js';

/** One agent's key and its DID documents, built per host the document is requested under. */
export interface Identity {
  id: string;
  key: KeyPair;
  /** The DID of this identity when its server is reached at `host` (host:port). */
  did(host: string): string;
  /** The serialized DID document for `host`, cached per host. */
  documentJson(host: string): string;
}

const identities = new Map<string, Identity>();

/** The identity of agent `id` in this process, created on first use. */
export function identityOf(id: string): Identity {
  let identity = identities.get(id);
  if (!identity) {
    identity = makeIdentity(id);
    identities.set(id, identity);
  }
  return identity;
}

function makeIdentity(id: string): Identity {
  const key = generateKeyPair();
  const docs = new Map<string, string>();
  return {
    id,
    key,
    did: (host) => didFor(host, id),
    documentJson(host) {
      let json = docs.get(host);
      if (json === undefined) {
        // Hosts come from request headers: bound the cache so odd Host values cannot grow it.
        if (docs.size >= 16) docs.clear();
        json = JSON.stringify(didDocument(didFor(host, id), key.publicJwk));
        docs.set(host, json);
      }
      return json;
    },
  };
}
