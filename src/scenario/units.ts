/**
 * Parsing of the scalar units a scenario may use: durations (`250ms`, `6s`, `2m`, `1h`, or integer
 * milliseconds), fractions (`30%` or `0.3`) and rates (`20/s`, `600/m`, or a bare number per second).
 * Each parser throws a UnitError whose message states the expected shape, so the loader can print it as-is.
 */
import { StormError } from '../model/errors.js';
import { LIMIT_REASONS, MAX_TIMER_MS } from './limits.js';

/** A value that is not in the expected unit format; `expected` describes the accepted shapes. */
export class UnitError extends StormError<'bad-unit'> {
  override name = 'UnitError';

  constructor(
    message: string,
    readonly expected: string,
  ) {
    super('bad-unit', message, { hint: `expected ${expected}` });
  }
}

/** What a duration looks like, for error messages. */
export const DURATION_SHAPE = 'a duration like 250ms, 6s, 2m or an integer number of milliseconds';
/** What a fraction looks like, for error messages. */
export const FRACTION_SHAPE = 'a fraction like 30% or 0.3 (between 0 and 1)';
/** What a rate looks like, for error messages. */
export const RATE_SHAPE = 'a rate like 20/s or 600/m (tasks per second or per minute)';

const DURATION_RE = /^(\d+(?:\.\d+)?|\.\d+)\s*(ms|s|m|h)$/;
const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** Render a received value compactly for an error message. */
export function describeValue(v: unknown): string {
  if (v === null || v === undefined) return 'nothing';
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return 'a list';
  return 'a mapping';
}

/** A duration past the timer limit: rejected with the reason, whatever its spelling. */
function withinTimerLimit(ms: number, v: unknown): number {
  if (ms <= MAX_TIMER_MS) return ms;
  throw new UnitError(
    `a duration is at most ${MAX_TIMER_MS}ms (about 24.8 days), got ${describeValue(v)}: ${LIMIT_REASONS.timer}`,
    DURATION_SHAPE,
  );
}

/** Parse a duration into whole milliseconds (rounded), at most MAX_TIMER_MS. Throws UnitError. */
export function parseDuration(v: unknown): number {
  if (typeof v === 'number') {
    if (Number.isInteger(v) && v >= 0) return withinTimerLimit(v, v);
    throw new UnitError(`expected ${DURATION_SHAPE}, got ${v}`, DURATION_SHAPE);
  }
  if (typeof v === 'string') {
    const s = v.trim();
    if (/^\d+$/.test(s)) return withinTimerLimit(Number(s), v);
    const m = DURATION_RE.exec(s);
    if (m) return withinTimerLimit(Math.round(Number(m[1]) * UNIT_MS[m[2]]), v);
  }
  throw new UnitError(`expected ${DURATION_SHAPE}, got ${describeValue(v)}`, DURATION_SHAPE);
}

/** Parse a fraction (`30%`, `0.3`) into 0..1. Throws UnitError. */
export function parseFraction(v: unknown): number {
  let f: number | undefined;
  if (typeof v === 'number') f = v;
  else if (typeof v === 'string') {
    const s = v.trim();
    const pct = /^(\d+(?:\.\d+)?)\s*%$/.exec(s);
    if (pct) f = Number(pct[1]) / 100;
    else if (/^(\d+(?:\.\d+)?|\.\d+)$/.test(s)) f = Number(s);
  }
  if (f !== undefined && Number.isFinite(f) && f >= 0 && f <= 1) return f;
  throw new UnitError(`expected ${FRACTION_SHAPE}, got ${describeValue(v)}`, FRACTION_SHAPE);
}

/** Parse a rate (`20/s`, `600/m`, `5`) into events per second. Throws UnitError. */
export function parseRate(v: unknown): number {
  let r: number | undefined;
  if (typeof v === 'number') r = v;
  else if (typeof v === 'string') {
    const m = /^(\d+(?:\.\d+)?|\.\d+)\s*(?:\/\s*(s|m|h))?$/.exec(v.trim());
    if (m) r = Number(m[1]) / ((m[2] ? UNIT_MS[m[2]] : 1000) / 1000);
  }
  if (r !== undefined && Number.isFinite(r) && r > 0) return r;
  throw new UnitError(`expected ${RATE_SHAPE}, got ${describeValue(v)}`, RATE_SHAPE);
}

/** What a byte rate looks like, for error messages. */
export const BYTE_RATE_SHAPE =
  'a byte rate like 64kb/s, 1mb/s or 500b/s (kb = 1000 bytes), or an integer of bytes per second';

const BYTE_UNITS: Record<string, number> = { b: 1, kb: 1000, mb: 1_000_000 };

/** Parse a byte rate (`64kb/s`, `1mb/s`, `500`) into bytes per second (at least 1). Throws UnitError. */
export function parseByteRate(v: unknown): number {
  let r: number | undefined;
  if (typeof v === 'number') r = v;
  else if (typeof v === 'string') {
    const m = /^(\d+(?:\.\d+)?)\s*(b|kb|mb)\s*\/\s*s$/i.exec(v.trim());
    if (m) r = Number(m[1]) * BYTE_UNITS[m[2].toLowerCase()];
  }
  if (r !== undefined && Number.isFinite(r) && r >= 1) return Math.floor(r);
  throw new UnitError(`expected ${BYTE_RATE_SHAPE}, got ${describeValue(v)}`, BYTE_RATE_SHAPE);
}

/** Whether `v` parses as a duration (no throw). */
export function isDuration(v: unknown): boolean {
  try {
    parseDuration(v);
    return true;
  } catch {
    return false;
  }
}

/** Format milliseconds the way a user would write them (`1500` → `1.5s`), for messages. */
export function formatMs(ms: number): string {
  if (ms >= 60_000 && ms % 60_000 === 0) return `${ms / 60_000}m`;
  if (ms >= 1000) return `${+(ms / 1000).toFixed(3)}s`;
  return `${ms}ms`;
}
