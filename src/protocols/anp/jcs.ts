/**
 * JSON Canonicalization Scheme (RFC 8785). The did:wba signature covers the JCS form of
 * `{nonce, timestamp, service, did}`, so signer and verifier must produce identical bytes for the
 * same data whatever order or spacing either side used.
 *
 * RFC 8785 reuses ECMAScript's JSON.stringify for primitives (number formatting and string escaping
 * are exactly ES2019 JSON.stringify), and sorts object members by their names' UTF-16 code units,
 * which is what the default string comparison in JavaScript does.
 */

/** Thrown for values JSON (and therefore JCS) cannot represent. */
export class JcsError extends Error {
  override name = 'JcsError';
}

/** Canonical JSON text of `value` (RFC 8785). */
export function canonicalize(value: unknown): string {
  return write(value, new Set());
}

/** UTF-8 bytes of the canonical JSON text, ready to be hashed or signed. */
export function canonicalBytes(value: unknown): Uint8Array {
  return new TextEncoder().encode(canonicalize(value));
}

function write(value: unknown, seen: Set<object>): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      if (!Number.isFinite(value)) throw new JcsError(`JCS cannot represent the number ${value}`);
      return JSON.stringify(value);
    case 'string':
      return writeString(value);
    case 'object':
      return writeObject(value as object, seen);
    default:
      throw new JcsError(`JCS cannot represent a value of type ${typeof value}`);
  }
}

// With the u flag a paired surrogate is one code point, so this matches lone halves only.
const LONE_SURROGATE = /[\uD800-\uDFFF]/u;

function writeString(s: string): string {
  // RFC 8785 §3.2.2.2: strings must be valid Unicode; JSON.stringify would escape a lone surrogate
  // instead of refusing it, which would make two different inputs hash alike elsewhere.
  if (LONE_SURROGATE.test(s)) throw new JcsError('JCS strings must not contain lone surrogates');
  return JSON.stringify(s);
}

function writeObject(obj: object, seen: Set<object>): string {
  if (seen.has(obj)) throw new JcsError('JCS cannot represent a cyclic structure');
  seen.add(obj);
  try {
    if (Array.isArray(obj)) {
      return `[${obj.map((item) => write(item === undefined ? null : item, seen)).join(',')}]`;
    }
    const json = (obj as { toJSON?: () => unknown }).toJSON;
    if (typeof json === 'function') return write(json.call(obj), seen);
    const keys = Object.keys(obj)
      .filter((k) => (obj as Record<string, unknown>)[k] !== undefined)
      .sort();
    const members = keys.map((k) => `${writeString(k)}:${write((obj as Record<string, unknown>)[k], seen)}`);
    return `{${members.join(',')}}`;
  } finally {
    seen.delete(obj);
  }
}
