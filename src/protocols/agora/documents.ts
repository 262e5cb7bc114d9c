/**
 * Agora protocol documents (standard v0.2 §8.1): YAML metadata with at least `name`, `description`
 * and `multiround`, a line `---`, then the specification in free text. The standard puts the YAML
 * first; the reference library's parser only reads YAML front matter (`---`, YAML, `---`, text) and
 * raises on the standard's layout. storm reads both and writes the standard's. A document is named
 * by the SHA-1 of its whole text (hash.ts) and served by whoever uses it at `GET /protocol/<hash>`.
 */
import { parse as parseYaml } from 'yaml';
import { sha1Hex } from './hash.js';

/** Larger documents are refused wherever they come from (URL or data: URI): storm's is ≈1.3 kB. */
export const MAX_DOCUMENT_BYTES = 64 * 1024;

/** The metadata every document must carry; other keys are kept as they are. */
export interface ProtocolMetadata {
  name: string;
  description: string;
  multiround: boolean;
  [key: string]: unknown;
}

/** A parsed document, or the reason it is not one. */
export type ParsedDocument =
  | { ok: true; metadata: ProtocolMetadata; specification: string; layout: 'standard' | 'front-matter' }
  | { ok: false; reason: string };

/** The metadata `name` of the one structured protocol storm agents implement. */
export const STORM_PROTOCOL_NAME = 'storm-agent-message';

/** storm's protocol document, in the standard's layout: the message and reply JSON shapes. */
export const STORM_PROTOCOL_DOCUMENT = `name: ${STORM_PROTOCOL_NAME}
description: One message between two agents of a storm fault-tolerance test (or from its driver), and the reply.
multiround: false
version: 2
---
The sender sends a JSON object as \`body\` (a string holding the same JSON is accepted too):
- id (string): message id, unique per send.
- task_id (string): the task this message belongs to.
- step (integer): index of the message-flow step this message performs.
- from (string): id of the sending agent, or "client" for the test driver.
- type (string): the step's message type (e.g. "question"), or an internal type such as "lookup".
- content (string): the payload text. Required.
- ttl (integer): how many more times the message may be forwarded.

The receiver replies with status "success" and a JSON object as \`body\`:
- {"ok": true, "content": "<answer text>"} when the receiver's tool answered;
- {"ok": false, "error": "<why>"} when the tool failed, or when the query is not correctly formatted
  (then the error starts with "Invalid format").
`;

/** The document's Agora hash: lowercase hex SHA-1 of its text (standard §8.2). */
export const documentHash = sha1Hex;

/** The hash of storm's protocol document. */
export const STORM_PROTOCOL_HASH = documentHash(STORM_PROTOCOL_DOCUMENT);

/** Documents this process publishes at /protocol/<hash>. */
export const publishedDocuments: ReadonlyMap<string, string> = new Map([
  [STORM_PROTOCOL_HASH, STORM_PROTOCOL_DOCUMENT],
]);

const SEPARATOR = /^---[ \t]*$/;

/** Split a document in either layout and check its metadata. */
export function parseProtocolDocument(text: string): ParsedDocument {
  if (Buffer.byteLength(text, 'utf8') > MAX_DOCUMENT_BYTES)
    return { ok: false, reason: `document larger than ${MAX_DOCUMENT_BYTES} bytes` };
  // The hash covers the exact bytes (CRLF included); the parts are read with line ends normalised.
  const lines = text.split(/\r?\n/);
  const frontMatter = SEPARATOR.test(lines[0] ?? '');
  const from = frontMatter ? 1 : 0;
  const sep = lines.findIndex((l, i) => i >= from && SEPARATOR.test(l));
  if (sep < 0) return { ok: false, reason: "no '---' line between the metadata and the specification" };
  let meta: unknown;
  try {
    // Aliases are the YAML bomb vector; protocol metadata has no use for them.
    meta = parseYaml(lines.slice(from, sep).join('\n'), { maxAliasCount: 0, uniqueKeys: true });
  } catch (err) {
    return { ok: false, reason: `metadata is not valid YAML: ${(err as Error).message.split('\n')[0]}` };
  }
  const problem = metadataProblem(meta);
  if (problem) return { ok: false, reason: problem };
  return {
    ok: true,
    metadata: meta as ProtocolMetadata,
    specification: lines.slice(sep + 1).join('\n'),
    layout: frontMatter ? 'front-matter' : 'standard',
  };
}

function metadataProblem(meta: unknown): string | null {
  if (!meta || typeof meta !== 'object' || Array.isArray(meta)) return 'metadata must be a YAML mapping';
  const m = meta as Record<string, unknown>;
  if (typeof m.name !== 'string' || m.name.trim() === '') return 'metadata needs a non-empty string "name"';
  if (typeof m.description !== 'string') return 'metadata needs a string "description"';
  if (typeof m.multiround !== 'boolean') return 'metadata needs a boolean "multiround"';
  return null;
}
