/**
 * The did:wba identities of this process, one per agent id, created on first use and kept only in
 * memory. serve() publishes an identity's DID document and connect() signs with the same key, so an
 * agent that both serves and calls peers has one identity; a new process has new keys.
 */
import { didDocument } from './did-document.js';
import { agentDid, hostDid } from './did.js';
import { generateKeyPair, type KeyPair } from './keys.js';

/** One agent's key and its DID documents, built per host the document is requested under. */
export interface Identity {
  id: string;
  key: KeyPair;
  /** The DID of this identity when its server is reached at `authority` (host:port; 127.0.0.1 is named localhost). */
  did(authority: string): string;
  /** The serialized DID document for `authority`, cached; throws DidWbaError for a host a DID cannot name. */
  documentJson(authority: string): string;
  /** The serialized domain-level document (`did:wba:localhost%3A<port>`, same key) for `authority`. */
  hostDocumentJson(authority: string): string;
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
  const cached = (cacheKey: string, build: () => string): string => {
    let json = docs.get(cacheKey);
    if (json === undefined) {
      json = build();
      // Hosts come from request headers: bound the cache so odd Host values cannot grow it.
      if (docs.size >= 16) docs.clear();
      docs.set(cacheKey, json);
    }
    return json;
  };
  return {
    id,
    key,
    did: (authority) => agentDid(authority, id),
    documentJson: (authority) =>
      cached(`agent ${authority}`, () => JSON.stringify(didDocument(agentDid(authority, id), key.publicJwk))),
    hostDocumentJson: (authority) =>
      cached(`host ${authority}`, () => JSON.stringify(didDocument(hostDid(authority), key.publicJwk))),
  };
}
