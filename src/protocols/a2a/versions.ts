/**
 * The A2A protocol versions storm serves and speaks, and how a version named in a scenario or on a
 * card is matched. Versions compare by major.minor only: cards say "0.3", "0.3.0" or "1.0".
 */

/** A2A versions storm serves and speaks, newest first. */
export const A2A_VERSIONS = ['1.0', '0.3'] as const;
export type A2AVersion = (typeof A2A_VERSIONS)[number];

/** Version a JSON-RPC request without an `A2A-Version` header speaks (v1.0 spec §3.6). */
export const A2A_DEFAULT_REQUEST_VERSION: A2AVersion = '0.3';

/** major.minor of a version string, or undefined when it is not one ("0.3.0" → "0.3"). */
export function majorMinor(v: unknown): string | undefined {
  if (typeof v !== 'string') return undefined;
  const m = /^\s*(\d+)\.(\d+)(?:\.\d+)?\s*$/.exec(v);
  return m ? `${Number(m[1])}.${Number(m[2])}` : undefined;
}

/** True when `v` names the same A2A version as `want` (by major.minor). */
export function sameVersion(v: unknown, want: A2AVersion): boolean {
  return majorMinor(v) === want;
}

/** undefined (negotiate) or a version storm speaks; anything else is a programming error upstream. */
export function pinnedVersion(v: string | undefined): A2AVersion | undefined {
  if (v === undefined) return undefined;
  const mm = majorMinor(v);
  const known = A2A_VERSIONS.find((x) => x === mm);
  if (!known) throw new Error(`a2a: unsupported protocol version "${v}" (storm speaks ${A2A_VERSIONS.join(', ')})`);
  return known;
}

/** The part of a card, in either version's JSON shape, that says which versions it speaks. */
interface CardVersions {
  url?: unknown;
  protocolVersion?: unknown;
  supportedInterfaces?: { protocolVersion?: unknown; url?: unknown }[];
}

/**
 * Whether a card (raw JSON as served) lets a client of `version` talk to the agent — or, without a
 * version, a client of any version storm speaks. v1.0 lists interfaces with their versions; a v0.3
 * card has one top-level `url` (its `protocolVersion` defaults to 0.3). As in the SDK, an interface
 * without a version counts as 0.3.
 */
export function cardOffers(raw: unknown, version?: A2AVersion): boolean {
  if (!raw || typeof raw !== 'object') return false;
  const card = raw as CardVersions;
  const interfaces = Array.isArray(card.supportedInterfaces)
    ? card.supportedInterfaces.filter((i) => i && typeof i.url === 'string')
    : [];
  const ifaceOffers = (v: A2AVersion) =>
    interfaces.some((i) => (i.protocolVersion ? sameVersion(i.protocolVersion, v) : v === '0.3'));
  const legacyUrl =
    typeof card.url === 'string' &&
    card.url !== '' &&
    (card.protocolVersion === undefined || sameVersion(card.protocolVersion, '0.3'));
  if (version === '1.0') return ifaceOffers('1.0');
  if (version === '0.3') return legacyUrl || ifaceOffers('0.3');
  return legacyUrl || interfaces.length > 0;
}
