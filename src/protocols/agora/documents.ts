/**
 * Agora protocol documents. A protocol document is plain text that describes a message format; it is
 * named by the SHA-256 (hex) of its UTF-8 text, and served by whoever uses it at
 * `GET /protocol/<hash>`. storm's agents speak one such protocol, described below. A receiver treats
 * a fetched document as supported when it declares a `Protocol-Id` it has a routine for — the
 * deterministic stand-in for Agora's "an LLM reads the document and writes a routine".
 */
import { createHash } from 'node:crypto';

/** The id of the one structured protocol storm agents implement. */
export const STORM_PROTOCOL_ID = 'storm-agent-message/1';

/** storm's protocol document: the message and reply JSON shapes. */
export const STORM_PROTOCOL_DOCUMENT = `# storm agent message, version 1
Protocol-Id: ${STORM_PROTOCOL_ID}

One request carries one message between two agents of a storm test (or from the test driver).

## Request body
A JSON object, serialized as the Agora \`body\` string:
- \`id\` (string): message id, unique per send.
- \`task_id\` (string): the task this message belongs to.
- \`step\` (integer): index of the message-flow step this message performs.
- \`from\` (string): id of the sending agent, or \`client\` for the test driver.
- \`type\` (string): the step's message type (e.g. \`question\`), or an internal type such as \`lookup\`.
- \`content\` (string): the payload text.
- \`ttl\` (integer): how many more times the message may be forwarded.

## Response body
A JSON object, serialized as the Agora \`body\` string, with status \`success\`:
- \`{"ok": true, "content": "<answer text>"}\` when the receiver's tool answered;
- \`{"ok": false, "error": "<why>"}\` when the tool failed (still status \`success\`: the protocol covers it).

Status \`failure\` is reserved for bodies that do not follow this document.
`;

/** SHA-256 of a document's UTF-8 text, lowercase hex: the document's Agora hash. */
export function documentHash(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** The hash of storm's protocol document. */
export const STORM_PROTOCOL_HASH = documentHash(STORM_PROTOCOL_DOCUMENT);

/** Documents this process publishes at /protocol/<hash>. */
export const publishedDocuments: ReadonlyMap<string, string> = new Map([[STORM_PROTOCOL_HASH, STORM_PROTOCOL_DOCUMENT]]);

/** The protocol id a document declares if this process has a routine for it, else null. */
export function routineFor(document: string): string | null {
  const m = /^Protocol-Id:\s*(\S+)\s*$/m.exec(document);
  return m && m[1] === STORM_PROTOCOL_ID ? m[1] : null;
}
