/**
 * The Agora interop vectors (../shared/interop/agora/, produced from the working standard v0.2 and
 * agora-protocol/python d4628c3), read at run time and never copied into the repository. `have` is
 * false when the folder is absent; tests then skip with describe.skipIf(!have).
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
/** The shared Agora folder. */
export const AGORA_INTEROP = path.resolve(repoRoot, '../shared/interop/agora');
const VECTORS = path.join(AGORA_INTEROP, 'agora-vectors.json');

/** Whether the vectors are present. */
export const have = fs.existsSync(VECTORS);

/** One of the two weather-forecast documents. */
export interface VectorDocument {
  file: string;
  text: string;
  hashes: { sha1_hex: string; sha1_base64: string; sha256_hex: string };
  data_uris: Record<string, string>;
  reference_extract_metadata: { returns?: Record<string, unknown>; raises?: string };
}

/** One request/response exchange X1–X16. */
export interface Exchange {
  case: string;
  precondition?: string;
  request: { method: string; path: string; json?: Record<string, unknown>; raw_body?: string };
  response: { status: number; json?: Record<string, unknown> };
  reference_library_0_2_0?: { sender_request?: Record<string, unknown> };
}

/** The parts of agora-vectors.json the tests use. */
export interface AgoraVectors {
  documents: VectorDocument[];
  exchanges: Exchange[];
  normative_strings: Record<string, string>;
}

/** The vectors (call only when `have`). */
export function loadVectors(): AgoraVectors {
  return JSON.parse(fs.readFileSync(VECTORS, 'utf8')) as AgoraVectors;
}
