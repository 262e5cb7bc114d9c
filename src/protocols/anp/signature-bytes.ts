/**
 * The bytes of a DIDWba signature as they arrive from AgentConnect, which is looser than the
 * specification: it writes ECDSA r‖s with each half's leading zero bytes dropped (62–64 bytes rather
 * than a fixed 64), and its decoder also takes '=' padding and the standard base64 alphabet (vectors
 * A3–A5, E2, E3). storm always sends 64 bytes, base64url without padding; here it reads all of these.
 */

/** The signature bytes of a header's `signature` field, or null when it is not base64 of either alphabet. */
export function decodeSignature(text: string): Buffer | null {
  if (!/^[A-Za-z0-9_+/-]+={0,2}$/.test(text)) return null;
  return Buffer.from(text.replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_'), 'base64url');
}

/**
 * The fixed 64-byte r‖s (IEEE P1363) forms a 62–64-byte ECDSA signature may stand for. A short
 * signature does not say which half lost a byte (AgentConnect's own verifier splits at length/2 and so
 * refuses its signatures whose s is short: vector A4), so every split leaving both halves ≤ 32 bytes
 * is tried — at most three candidates, which costs a forger nothing worth having. Other lengths (DER,
 * truncations, a genuine signature whose halves lost three or more bytes, odds about 2^-22) give none.
 */
export function p1363Candidates(sig: Uint8Array): Buffer[] {
  if (sig.length < 62 || sig.length > 64) return [];
  const out: Buffer[] = [];
  for (let rLength = sig.length - 32; rLength <= 32; rLength++) {
    out.push(Buffer.concat([leftPad32(sig.subarray(0, rLength)), leftPad32(sig.subarray(rLength))]));
  }
  return out;
}

function leftPad32(half: Uint8Array): Buffer {
  return Buffer.concat([Buffer.alloc(32 - half.length), half]);
}

/**
 * A JWK coordinate of an EC point as exactly 32 bytes (base64url). AgentConnect writes coordinates
 * at minimal length (42 characters when the top byte is zero: vectors K2, K3) and reads them as
 * integers, so a coordinate with an extra leading zero byte is valid too (V6). null when the value is
 * not base64url or does not fit in 32 bytes.
 */
export function fixedCoordinate(b64url: string): string | null {
  if (!/^[A-Za-z0-9_-]+$/.test(b64url)) return null;
  const bytes = Buffer.from(b64url, 'base64url');
  let start = 0;
  while (bytes.length - start > 32 && bytes[start] === 0) start++;
  if (bytes.length - start > 32) return null;
  return leftPad32(bytes.subarray(start)).toString('base64url');
}
