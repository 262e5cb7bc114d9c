/**
 * The DIDWba `timestamp`: ISO 8601 with an explicit time zone. Accepted forms follow AgentConnect's
 * verifier (vector table `verifier_timestamp_forms`): `Z` or a `±hh:mm` offset, optional fractional
 * seconds, `T` or a space between date and time. A time without a zone (whose meaning depends on the
 * server's own zone), epoch seconds and anything else are refused. Date.parse is not used: it reads a
 * zoneless time as local time and accepts many other shapes.
 */

const ISO = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;

/** Milliseconds since the epoch, or null when `text` is not an accepted timestamp. */
export function parseTimestamp(text: string): number | null {
  const m = ISO.exec(text);
  if (!m) return null;
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number);
  if (month < 1 || month > 12 || hour > 23 || minute > 59 || second > 59) return null;
  const midnight = Date.UTC(year, month - 1, day);
  if (new Date(midnight).getUTCDate() !== day) return null; // 2026-02-30 and the like
  const millis = m[7] ? Math.floor(Number(m[7]) * 1000) : 0;
  const zone = m[8] === 'Z' ? 0 : offsetMinutes(m[8]);
  if (zone === null) return null;
  return midnight + ((hour * 60 + minute - zone) * 60 + second) * 1000 + millis;
}

function offsetMinutes(offset: string): number | null {
  const hours = Number(offset.slice(1, 3));
  const minutes = Number(offset.slice(4, 6));
  if (hours > 23 || minutes > 59) return null;
  return (offset[0] === '-' ? -1 : 1) * (hours * 60 + minutes);
}
