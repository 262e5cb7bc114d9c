/**
 * Typed reads of raw values for the normalize stage. The schema stage has already reported wrong
 * types, so these return undefined for them instead of reporting again; unit errors (`6 sec`) are
 * reported here with the expected shape.
 */
import type { SourceLocation } from './types.js';
import type { IssueSink } from './issues.js';
import { atMost } from './limits.js';
import { parseByteRate, parseDuration, parseFraction, parseRate, UnitError } from './units.js';
import { positionOf, type PathSeg } from './yaml/locate.js';
import type { Document, LineCounter } from 'yaml';

/** What every normalize/semantic step needs: where issues go and how to locate a path. */
export interface Ctx {
  file: string;
  dir: string;
  sink: IssueSink;
  doc: Document;
  lc: LineCounter;
  /** The text the document was parsed from (line breaks normalized, traps patched). */
  text: string;
}

/** Source location of a path (its value, or its key). */
export function locOf(ctx: Ctx, path: readonly PathSeg[], at: 'key' | 'value' = 'value'): SourceLocation {
  const { line, col } = positionOf(ctx.doc, ctx.lc, path, at);
  return { file: ctx.file, line, col };
}

/** A plain mapping (not a list, not null), else undefined. */
export function asMap(v: unknown): Record<string, unknown> | undefined {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
}

/** A string, else undefined. */
export function asString(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

/** An integer ≥ min, else undefined. */
export function asInt(v: unknown, min = Number.MIN_SAFE_INTEGER): number | undefined {
  return typeof v === 'number' && Number.isInteger(v) && v >= min ? v : undefined;
}

/**
 * An integer ≥ `min` at `path`, at most `max`: a larger one is reported with the reason for the limit
 * and clamped, so later rules never expand or loop over a mistyped 10000000. Undefined when missing
 * or not an integer (the schema reported that).
 */
export function readBounded(
  ctx: Ctx,
  v: unknown,
  path: readonly PathSeg[],
  bounds: { min: number; max: number; unit: string; reason: string },
): number | undefined {
  const n = asInt(v, bounds.min);
  if (n === undefined || n <= bounds.max) return n;
  ctx.sink.add({ path, code: 'over-limit', message: atMost(`${bounds.max} ${bounds.unit}`, String(n), bounds.reason) });
  return bounds.max;
}

function unit<T>(
  ctx: Ctx,
  v: unknown,
  path: readonly PathSeg[],
  code: string,
  parse: (v: unknown) => T,
): T | undefined {
  if (v === undefined) return undefined;
  try {
    return parse(v);
  } catch (err) {
    if (!(err instanceof UnitError)) throw err;
    ctx.sink.add({ path, code, message: err.message });
    return undefined;
  }
}

/** Duration in ms at `path`, or undefined (missing or invalid, reported). */
export function readDuration(ctx: Ctx, v: unknown, path: readonly PathSeg[]): number | undefined {
  return unit(ctx, v, path, 'bad-duration', parseDuration);
}

/** Fraction 0..1 at `path`, or undefined (missing or invalid, reported). */
export function readFraction(ctx: Ctx, v: unknown, path: readonly PathSeg[]): number | undefined {
  return unit(ctx, v, path, 'bad-fraction', parseFraction);
}

/** Rate per second at `path`, or undefined (missing or invalid, reported). */
export function readRate(ctx: Ctx, v: unknown, path: readonly PathSeg[]): number | undefined {
  return unit(ctx, v, path, 'bad-rate', parseRate);
}

/** Bytes per second at `path`, or undefined (missing or invalid, reported). */
export function readByteRate(ctx: Ctx, v: unknown, path: readonly PathSeg[]): number | undefined {
  return unit(ctx, v, path, 'bad-bandwidth', parseByteRate);
}
