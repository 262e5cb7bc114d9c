/**
 * Bytes on the wire. Agents report `wire` events ("bytes since my last report"), so traffic is
 * attributed to the report time: a window's bytes are the reports stamped inside it.
 */
import type { HistoryEvent } from '../model/history.js';
import { inWindow, type Window } from './window.js';

/** One wire report. */
export interface WireSample {
  t: number;
  bytes: number;
  messages: number;
}

/** The wire reports of a history, in history order. */
export function collectWire(history: readonly HistoryEvent[]): WireSample[] {
  const out: WireSample[] = [];
  for (const e of history) if (e.type === 'wire') out.push({ t: e.t, bytes: e.bytes, messages: e.messages });
  return out;
}

/** Bytes and messages of every report, start-up included (`bytes_total`, `messages`). */
export function wireTotals(wire: readonly WireSample[]): { bytes: number; messages: number } {
  let bytes = 0;
  let messages = 0;
  for (const w of wire) {
    bytes += w.bytes;
    messages += w.messages;
  }
  return { bytes, messages };
}

/** Bytes of the reports stamped in window w. */
export function bytesIn(wire: readonly WireSample[], w: Window): number {
  let sum = 0;
  for (const s of wire) if (inWindow(s.t, w)) sum += s.bytes;
  return sum;
}

/** `bytes_reconnect`: bytes in [T, min(T + windowMs, end)) — cut at the run end, unlike the last phase. */
export function bytesReconnect(wire: readonly WireSample[], t: number, end: number, windowMs: number): number {
  return bytesIn(wire, { from: t, to: Math.min(t + windowMs, end) });
}

/** Bytes per ms of the reports stamped in [from, to); null for an empty window. */
export function byteRate(wire: readonly WireSample[], from: number, to: number): number | null {
  return to > from ? bytesIn(wire, { from, to }) / (to - from) : null;
}
