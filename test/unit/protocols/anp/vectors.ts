/**
 * The did:wba vectors produced by running AgentConnect (`../shared/interop/anp/did-wba-vectors.json`,
 * read in place, never copied), and helpers to check storm's verifier and signer against them.
 * `haveVectors` is false when shared/ is not beside the clone; the suites then skip.
 */
import { createPrivateKey } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { keyPairFrom, type KeyPair } from '../../../../src/protocols/anp/keys.js';
import { TokenIssuer } from '../../../../src/protocols/anp/token.js';
import { DidWbaVerifier, type AuthOutcome } from '../../../../src/protocols/anp/verifier.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
const VECTORS = path.resolve(repoRoot, '../shared/interop/anp/did-wba-vectors.json');

/** True when the vectors file is there. */
export const haveVectors = fs.existsSync(VECTORS);

/** AgentConnect's [ok, message] per service domain it was given. */
export type AgentConnectVerdicts = Record<string, [boolean, string]>;

export interface SignedCase {
  case: string;
  document: string;
  key: string;
  service: string;
  nonce: string;
  timestamp: string;
  authorization: string;
  fields: { did: string; signature: string };
  signature_bytes: number;
  p1363_64_byte_form?: string;
  agentconnect_verify_auth_header_signature: AgentConnectVerdicts;
  expect_storm_server: string;
}

export interface ClientCase {
  case: string;
  document: string;
  key: string;
  signed_service: string;
  authorization: string;
  canonical_payload: string;
  payload_sha256_hex: string;
  ecdsa_message_hash_hex: string;
  agentconnect_verify_auth_header_signature: AgentConnectVerdicts;
}

export interface Step {
  authorization: string;
  server_now: string;
  outcome: { ok: boolean; error?: string };
  agentconnect_verdict?: 'accept' | 'reject';
}

export interface Vectors {
  source: { repository: string; commit: string; package_version: string };
  keys: {
    id: string;
    curve: string;
    private_key_pem_pkcs8?: string;
    private_jwk: Record<string, string>;
    agentconnect_public_jwk?: Record<string, string>;
  }[];
  did_documents: { id: string; key: string; document: Record<string, unknown> }[];
  did_creation_errors: { hostname: string; port: number | null; error: string }[];
  resolution: { did: string; urls_requested: string[]; result: string }[];
  service_domain: { server_url: string; service: string }[];
  agentconnect_signs: SignedCase[];
  negative_and_edge_cases: {
    case: string;
    document: string;
    authorization: string;
    agentconnect_verify_auth_header_signature: AgentConnectVerdicts;
    expect_storm_server: string;
  }[];
  agentconnect_accepts: {
    headers: ClientCase[];
    document_variants: {
      case: string;
      document: Record<string, unknown>;
      agentconnect_verify_auth_header_signature: AgentConnectVerdicts;
    }[];
  };
  verifier_sequences: { case: string; steps: Step[]; expect_storm_server?: string[] }[];
  verifier_timestamp_forms: { timestamp: string; server_now: string; agentconnect_accepts: boolean }[];
}

const EMPTY: Vectors = {
  source: { repository: '', commit: '', package_version: '' },
  keys: [],
  did_documents: [],
  did_creation_errors: [],
  resolution: [],
  service_domain: [],
  agentconnect_signs: [],
  negative_and_edge_cases: [],
  agentconnect_accepts: { headers: [], document_variants: [] },
  verifier_sequences: [],
  verifier_timestamp_forms: [],
};

/** The vectors, or empty lists when the file is absent (the suites skip then). */
export const vectors: Vectors = haveVectors ? (JSON.parse(fs.readFileSync(VECTORS, 'utf8')) as Vectors) : EMPTY;

/** The instant every A/N/E/R case was signed at and is checked at. */
export const SIGNED_AT = '2026-12-01T12:00:00Z';

/** DID document `id` (D1…D5) of the vectors. */
export function documentOf(id: string): Record<string, unknown> {
  const d = vectors.did_documents.find((x) => x.id === id);
  if (!d) throw new Error(`no DID document ${id} in the vectors`);
  return d.document;
}

/** A storm KeyPair for vector key `id` (K1…K4), imported from its private JWK (K4 has no PEM). */
export function keyOf(id: string): KeyPair {
  const k = vectors.keys.find((x) => x.id === id);
  if (!k) throw new Error(`no key ${id} in the vectors`);
  return keyPairFrom(createPrivateKey({ key: k.private_jwk, format: 'jwk' }));
}

/** A fresh storm verifier (fresh nonce store) whose resolver serves `document` for any DID and whose clock reads `now`. */
export function vectorVerifier(
  document: Record<string, unknown>,
  now: string | (() => string) = SIGNED_AT,
): DidWbaVerifier {
  const clock = typeof now === 'string' ? () => now : now;
  return new DidWbaVerifier({
    tokens: new TokenIssuer(),
    agent: new http.Agent(),
    fetchDocument: async () => structuredClone(document),
    now: () => Date.parse(clock()),
  });
}

/** storm's verdict on one header, checked at `now` against `document` for the given service names. */
export function stormVerdict(
  authorization: string,
  document: Record<string, unknown>,
  services: readonly string[],
  now = SIGNED_AT,
): Promise<AuthOutcome> {
  return vectorVerifier(document, now).authenticate(authorization, services);
}
