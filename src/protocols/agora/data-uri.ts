/**
 * `data:` protocol sources (RFC 2397), which the reference library sends in `protocolSources`. The
 * reference decoder accepts exactly `data:text/plain;charset=utf-8,` (percent-encoded) and the same
 * with `;base64`; storm also takes any `text/*` or omitted media type with a UTF-8 (or ASCII) charset
 * or none, since the hash check that follows is what makes a source trustworthy. Percent-encoders
 * differ (Python quotes `'()` and keeps `/`, encodeURIComponent the reverse), so only the decoded
 * bytes matter. Sizes are bounded before and after decoding; bad input is a reason, never a throw.
 */

/** Decoded text or the reason a source cannot be used. */
export type Decoded = { ok: true; text: string } | { ok: false; reason: string };

const utf8 = new TextDecoder('utf-8', { fatal: true });
const CHARSETS = new Set(['utf-8', 'utf8', 'us-ascii', 'ascii']);

/** Whether a protocol source is a data: URI (scheme names are case-insensitive). */
export function isDataUri(source: string): boolean {
  return /^data:/i.test(source);
}

/** Decode a data: URI holding at most `maxBytes` of UTF-8 text. */
export function decodeDataUri(uri: string, maxBytes: number): Decoded {
  // Percent-encoding triples a byte at worst; anything longer cannot decode to maxBytes.
  if (uri.length > 3 * maxBytes + 256)
    return { ok: false, reason: `data: URI longer than ${3 * maxBytes + 256} characters` };
  const comma = uri.indexOf(',');
  if (!isDataUri(uri) || comma < 0) return { ok: false, reason: 'not a data: URI (no comma)' };
  const params = uri
    .slice(5, comma)
    .split(';')
    .map((p) => p.trim().toLowerCase());
  const base64 = params.length > 1 && params[params.length - 1] === 'base64';
  if (base64) params.pop();
  const [mediaType, ...rest] = params;
  if (mediaType !== '' && !mediaType.startsWith('text/'))
    return { ok: false, reason: `data: URI media type ${mediaType} is not text` };
  for (const p of rest) {
    const [key, value = ''] = p.split('=');
    if (key === 'charset' && !CHARSETS.has(value.replace(/"/g, '')))
      return { ok: false, reason: `data: URI charset ${value} is not UTF-8` };
  }
  const bytes = percentDecode(uri.slice(comma + 1));
  if (bytes === null) return { ok: false, reason: 'data: URI has an invalid %-escape' };
  let raw = bytes;
  if (base64) {
    const b64 = bytes.toString('latin1').replace(/\s+/g, '');
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(b64) || b64.length % 4 === 1)
      return { ok: false, reason: 'data: URI is not valid base64' };
    raw = Buffer.from(b64, 'base64');
  }
  if (raw.length > maxBytes) return { ok: false, reason: `data: URI document larger than ${maxBytes} bytes` };
  try {
    return { ok: true, text: utf8.decode(raw) };
  } catch {
    return { ok: false, reason: 'data: URI document is not valid UTF-8' };
  }
}

/** The document as a base64 data: URI in the form the reference library decodes. */
export function encodeDataUri(text: string): string {
  return `data:text/plain;charset=utf-8;base64,${Buffer.from(text, 'utf8').toString('base64')}`;
}

/** %XX escapes to bytes, every other character as its UTF-8 bytes; null on a broken escape. */
function percentDecode(s: string): Buffer | null {
  if (!s.includes('%')) return Buffer.from(s, 'utf8');
  const parts: Buffer[] = [];
  let i = 0;
  while (i < s.length) {
    const pct = s.indexOf('%', i);
    if (pct < 0) {
      parts.push(Buffer.from(s.slice(i), 'utf8'));
      break;
    }
    if (pct > i) parts.push(Buffer.from(s.slice(i, pct), 'utf8'));
    const hex = s.slice(pct + 1, pct + 3);
    if (!/^[0-9a-fA-F]{2}$/.test(hex)) return null;
    parts.push(Buffer.from([parseInt(hex, 16)]));
    i = pct + 3;
  }
  return Buffer.concat(parts);
}
