/**
 * DID documents as did:wba (§2.3) and AgentConnect write and read them: one verification method
 * `key-1` with an absolute id, a `publicKeyJwk`, and a reference to it in `authentication`.
 * The two method types the did:wba specification supports for authentication are the only ones
 * accepted (§2.3 note 2: EcdsaSecp256k1VerificationKey2019, Ed25519VerificationKey2018).
 */

/** A public JSON Web Key as DID documents carry it (secp256k1: EC with x and y; Ed25519: OKP with x). */
export interface PublicJwk {
  kty: string;
  crv: string;
  x: string;
  y?: string;
}

/** Verification method types storm signs with and accepts, with the JWK each requires. */
export const METHOD_TYPES: Readonly<Record<string, { kty: string; crv: string; context: string }>> = {
  EcdsaSecp256k1VerificationKey2019: {
    kty: 'EC',
    crv: 'secp256k1',
    context: 'https://w3id.org/security/suites/secp256k1-2019/v1',
  },
  Ed25519VerificationKey2018: {
    kty: 'OKP',
    crv: 'Ed25519',
    context: 'https://w3id.org/security/suites/ed25519-2018/v1',
  },
};

/** The method type for a key, from its JWK. */
export function methodTypeOf(jwk: PublicJwk): string {
  const type = Object.keys(METHOD_TYPES).find(
    (t) => METHOD_TYPES[t].kty === jwk.kty && METHOD_TYPES[t].crv === jwk.crv,
  );
  if (!type) throw new Error(`no did:wba verification method type for a ${jwk.kty}/${jwk.crv} key`);
  return type;
}

/**
 * A DID document with one verification method, `key-1`, referenced from `authentication`: the shape
 * AgentConnect's create_did_wba_document writes (without its optional `kid`), so AgentConnect's
 * verifier reads it (vectors V1 and D5).
 */
export function didDocument(did: string, jwk: PublicJwk): Record<string, unknown> {
  const keyId = `${did}#key-1`;
  const type = methodTypeOf(jwk);
  const context = ['https://www.w3.org/ns/did/v1'];
  if (type === 'EcdsaSecp256k1VerificationKey2019') context.push('https://w3id.org/security/suites/jws-2020/v1');
  context.push(METHOD_TYPES[type].context);
  const publicKeyJwk =
    jwk.y === undefined ? { kty: jwk.kty, crv: jwk.crv, x: jwk.x } : { kty: jwk.kty, crv: jwk.crv, x: jwk.x, y: jwk.y };
  return {
    '@context': context,
    id: did,
    verificationMethod: [{ id: keyId, type, controller: did, publicKeyJwk }],
    authentication: [keyId],
  };
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

/**
 * The verification method `<doc.id>#<fragment>` if `authentication` authorises it, by reference or
 * embedded. DID URLs in a did:wba document must be absolute (§2.4), so a relative `#key-1` does not
 * count (AgentConnect does not find it either: vector V2). A method only in `verificationMethod` is
 * not authorised for authentication (AgentConnect accepts it: vector V4; storm is stricter).
 */
export function authenticationMethod(doc: Record<string, unknown>, fragment: string): Record<string, unknown> | null {
  if (typeof doc.id !== 'string') return null;
  const wanted = fragment.includes('#') ? fragment : `${doc.id}#${fragment}`;
  if (!wanted.startsWith(`${doc.id}#`)) return null;
  for (const entry of list(doc.authentication)) {
    if (entry === wanted)
      return (
        (list(doc.verificationMethod).find((m) => isObject(m) && m.id === wanted) as Record<string, unknown>) ?? null
      );
    if (isObject(entry) && entry.id === wanted) return entry;
  }
  return null;
}
