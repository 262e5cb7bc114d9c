/**
 * Agora protocol hashes. The working standard (v0.2 §8.2) names a document by the 40-character hex
 * SHA-1 of its whole text; the reference library (agora-protocol/python 0.2.0, `compute_hash`) sends
 * the base64 form of the same 20 bytes. storm sends lowercase hex and accepts both forms — and hex in
 * either case, which the standard leaves open — by reducing every claimed hash to the 20 bytes it
 * names. Anything else (the reference library's `negotiation`, storm's old SHA-256 hex) names no
 * SHA-1 document, so its protocol is unsupported.
 */
import { createHash } from 'node:crypto';

const HEX_SHA1 = /^[0-9a-fA-F]{40}$/;
// 20 bytes in standard base64 are 27 characters and one '=' of padding.
const BASE64_SHA1 = /^[A-Za-z0-9+/]{27}=$/;

/** SHA-1 of the document's UTF-8 text, lowercase hex: the standard's protocolHash. */
export function sha1Hex(text: string): string {
  return createHash('sha1').update(text, 'utf8').digest('hex');
}

/** SHA-1 of the document's UTF-8 text, standard base64: the reference library's protocolHash. */
export function sha1Base64(text: string): string {
  return createHash('sha1').update(text, 'utf8').digest('base64');
}

/** The lowercase hex SHA-1 a claimed protocolHash names (hex in any case, or base64), else null. */
export function canonicalHash(claimed: string): string | null {
  if (HEX_SHA1.test(claimed)) return claimed.toLowerCase();
  if (BASE64_SHA1.test(claimed)) {
    const bytes = Buffer.from(claimed, 'base64');
    // Non-canonical base64 (stray low bits in the last character) is not what any encoder emits.
    if (bytes.length === 20 && bytes.toString('base64') === claimed) return bytes.toString('hex');
  }
  return null;
}
