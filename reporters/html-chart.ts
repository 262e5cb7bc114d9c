/**
 * The per-cell timeline chart as inline SVG: success rate per bucket (left axis) and p95 latency
 * (right axis) over time. Each fault's duration is shaded (until its heal — `fault_end` — or until
 * its victims restarted); vertical marks show the fault, its detection (t + detect_ms), each restart,
 * the heal, and the recovery (t + recovery_ms) inside a band of ± resolution_ms, the precision the
 * bucket width allows; a dotted line shows the 90%-of-S_pre level recovery is measured against.
 * Cells of one scenario share their axes (`ChartAxes`), so protocols compare by eye.
 */
import type { ReadonlyView } from '../src/model/readonly.js';
import { escapeHtml as esc } from '../src/report/escape.js';
import type { HistoryEvent } from '../src/model/history.js';
import type { Metrics } from '../src/model/metrics.js';
import type { FaultTimelineEntry } from '../src/model/results.js';

const W = 760;
const H = 240;
const M = { l: 48, r: 60, t: 24, b: 30 };
const PW = W - M.l - M.r;
const PH = H - M.t - M.b;
// Labels of each kind sit at their own height so close marks stay readable.
const LABEL_Y: Record<Mark['kind'], number> = {
  fault: M.t - 6,
  detect: M.t + 12,
  recover: M.t + 26,
  restart: M.t + 40,
  heal: M.t + 54,
};
const TIME_STEPS = [250, 500, 1000, 2000, 5000, 10_000, 15_000, 30_000, 60_000, 120_000, 300_000, 600_000];

/** A vertical mark on the chart. */
interface Mark {
  t: number;
  kind: 'fault' | 'detect' | 'recover' | 'restart' | 'heal';
  label: string;
  title: string;
}

/** What one chart draws. */
export interface ChartInput {
  id: string;
  metrics: ReadonlyView<Metrics> | null;
  faults: readonly ReadonlyView<FaultTimelineEntry>[];
  history: readonly ReadonlyView<HistoryEvent>[];
}

/** The axes of a chart: time range (ms) and the latency scale's top (ms). */
export interface ChartAxes {
  t0: number;
  t1: number;
  latMax: number;
}

const fmt = (n: number): string => String(Math.round(n * 100) / 100);
const secs = (ms: number): string => `${(ms / 1000).toFixed(2)}s`;

function niceCeil(v: number): number {
  if (v <= 0) return 1;
  const p = 10 ** Math.floor(Math.log10(v));
  return ([1, 2, 2.5, 5, 10].find((s) => s * p >= v) ?? 10) * p;
}

const bucketWidth = (m: ReadonlyView<Metrics> | null): number => m?.resolution_ms ?? m?.bucket_ms ?? 250;

/** Each fault's shaded span: until its heal (`fault_end`), else until its last victim restarted. */
function faultSpans(
  faults: readonly ReadonlyView<FaultTimelineEntry>[],
  history: readonly ReadonlyView<HistoryEvent>[],
): { from: number; to: number; fault: number }[] {
  return faults.flatMap((f) => {
    const heal = history.find((e) => e.type === 'fault_end' && e.fault === f.fault);
    const restarts = (f.restarted ?? []).map((r) => r.t);
    const to = heal ? heal.t : restarts.length ? Math.max(...restarts) : undefined;
    return to !== undefined && to > f.t ? [{ from: f.t, to, fault: f.fault }] : [];
  });
}

function marks(
  m: ReadonlyView<Metrics> | null,
  faults: readonly ReadonlyView<FaultTimelineEntry>[],
  history: readonly ReadonlyView<HistoryEvent>[],
): Mark[] {
  const out: Mark[] = faults.map((f) => ({
    t: f.t,
    kind: 'fault',
    label: f.kind,
    title: `t=${secs(f.t)} ${f.kind} ${f.victims.join(', ')}${f.signal ? ` (${f.signal})` : ''} ${f.verified ? 'verified' : 'NOT verified'}`,
  }));
  for (const r of m?.faults ?? []) {
    if (r.detect_ms !== null)
      out.push({
        t: r.t + r.detect_ms,
        kind: 'detect',
        label: 'detected',
        title: `detected at t=${secs(r.t + r.detect_ms)} (detect_ms ${Math.round(r.detect_ms)})`,
      });
    if (r.recovery_ms !== null)
      out.push({
        t: r.t + r.recovery_ms,
        kind: 'recover',
        label: 'recovered',
        title: `recovered at t=${secs(r.t + r.recovery_ms)} (recovery_ms ${Math.round(r.recovery_ms)} ± ${Math.round(m!.resolution_ms ?? m!.bucket_ms)})`,
      });
  }
  for (const f of faults) {
    // Victims of one fault restart within moments of each other: one label, a line each.
    const n = f.restarted?.length ?? 0;
    (f.restarted ?? []).forEach((r, i) => {
      out.push({
        t: r.t,
        kind: 'restart',
        label: i > 0 ? '' : n > 1 ? `${n} restarts` : 'restart',
        title: `${r.agent} restarted at t=${secs(r.t)} (pid ${r.pid})`,
      });
    });
  }
  for (const e of history) {
    if (e.type === 'fault_end')
      out.push({
        t: e.t,
        kind: 'heal',
        label: 'healed',
        title: `fault ${e.fault} lifted at t=${secs(e.t)} (${e.victims.join(', ')})`,
      });
  }
  return out;
}

/** The axes one cell needs on its own. */
export function chartExtent(c: ChartInput): ChartAxes {
  const buckets = c.metrics?.buckets ?? [];
  const bw = bucketWidth(c.metrics);
  const all = marks(c.metrics, c.faults, c.history);
  return {
    t0: Math.min(0, ...buckets.map((b) => b.t)),
    t1: Math.max(1000, ...buckets.map((b) => b.t + (b.width ?? bw)), ...all.map((k) => k.t + bw)),
    latMax: niceCeil(Math.max(0, ...buckets.map((b) => b.p95_latency ?? 0))),
  };
}

/** Axes wide enough for every chart given (the cells of one scenario). */
export function sharedAxes(charts: readonly ChartInput[]): ChartAxes | undefined {
  const ex = charts.filter((c) => c.metrics).map(chartExtent);
  if (ex.length === 0) return undefined;
  return {
    t0: Math.min(...ex.map((e) => e.t0)),
    t1: Math.max(...ex.map((e) => e.t1)),
    latMax: Math.max(...ex.map((e) => e.latMax)),
  };
}

/** An SVG path through the points, broken where a value is null. */
function path(points: [number, number | null][]): string {
  let d = '';
  let pen = false;
  for (const [x, y] of points) {
    if (y === null) {
      pen = false;
      continue;
    }
    d += `${pen ? 'L' : 'M'}${fmt(x)} ${fmt(y)}`;
    pen = true;
  }
  return d;
}

/** The timeline chart of one cell on `axes` (its own when not given); `c.id` keeps SVG ids unique. */
export function timelineChart(c: ChartInput, emptyText: string, axes: ChartAxes = chartExtent(c)): string {
  const m = c.metrics;
  const buckets = m?.buckets ?? [];
  // buckets carry their own width (the resolution, or less for a fault's cut last bucket)
  const bucketMs = bucketWidth(m);
  const all = marks(m, c.faults, c.history);
  const { t0, t1, latMax } = axes;
  const x = (t: number) => M.l + ((Math.min(Math.max(t, t0), t1) - t0) / (t1 - t0)) * PW;
  const yRate = (r: number) => M.t + (1 - r) * PH;
  const yLat = (v: number) => M.t + (1 - Math.min(v, latMax) / latMax) * PH;
  const step = TIME_STEPS.find((s) => (t1 - t0) / s <= 10) ?? 600_000;

  const parts: string[] = [];
  parts.push(`<rect class="plot" x="${M.l}" y="${M.t}" width="${PW}" height="${PH}"/>`);
  for (const span of faultSpans(c.faults, c.history)) {
    parts.push(
      `<rect class="fault-span" x="${fmt(x(span.from))}" y="${M.t}" width="${fmt(x(span.to) - x(span.from))}" height="${PH}"><title>fault ${span.fault} in force t=${secs(span.from)}–${secs(span.to)}</title></rect>`,
    );
  }
  const res = m?.resolution_ms;
  for (const r of m?.faults ?? []) {
    if (r.recovery_ms === null || !res) continue;
    const at = r.t + r.recovery_ms;
    parts.push(
      `<rect class="resolution" x="${fmt(x(at - res))}" y="${M.t}" width="${fmt(x(at + res) - x(at - res))}" height="${PH}"><title>recovery is exact to ± ${Math.round(res)} ms (the bucket width)</title></rect>`,
    );
  }
  for (let t = Math.ceil(t0 / step) * step; t <= t1; t += step) {
    parts.push(`<line class="grid" x1="${fmt(x(t))}" x2="${fmt(x(t))}" y1="${M.t}" y2="${M.t + PH}"/>`);
    parts.push(`<text class="tick" x="${fmt(x(t))}" y="${H - 10}" text-anchor="middle">${fmt(t / 1000)}s</text>`);
  }
  for (const r of [0, 0.5, 1]) {
    parts.push(`<text class="tick rate" x="${M.l - 6}" y="${fmt(yRate(r) + 4)}" text-anchor="end">${r * 100}%</text>`);
    parts.push(
      `<text class="tick latency" x="${M.l + PW + 6}" y="${fmt(yLat(r * latMax) + 4)}">${fmt(r * latMax)}ms</text>`,
    );
  }
  const sPre = m?.faults[0]?.s_pre;
  if (sPre !== null && sPre !== undefined) {
    parts.push(
      `<line class="threshold" x1="${M.l}" x2="${M.l + PW}" y1="${fmt(yRate(0.9 * sPre))}" y2="${fmt(yRate(0.9 * sPre))}"><title>90% of the pre-fault success rate (${(0.9 * sPre * 100).toFixed(1)}%)</title></line>`,
    );
  }
  const mid = (b: ReadonlyView<Metrics>['buckets'][number]) => x(b.t + (b.width ?? bucketMs) / 2);
  // a bucket without evidence (fewer than min_samples / 2 tasks) is a gap, not a point
  const seen = (b: ReadonlyView<Metrics>['buckets'][number]) => b.evidential !== false;
  parts.push(
    `<path class="series latency" d="${path(buckets.map((b) => [mid(b), b.p95_latency === null || !seen(b) ? null : yLat(b.p95_latency)]))}"/>`,
  );
  parts.push(
    `<path class="series rate" d="${path(buckets.map((b) => [mid(b), b.rate === null || !seen(b) ? null : yRate(b.rate)]))}"/>`,
  );
  for (const k of all) {
    parts.push(
      `<g class="mark ${k.kind}"><title>${esc(k.title)}</title><line x1="${fmt(x(k.t))}" x2="${fmt(x(k.t))}" y1="${M.t}" y2="${M.t + PH}"/><text x="${fmt(x(k.t) + 3)}" y="${LABEL_Y[k.kind]}">${esc(k.label)}</text></g>`,
    );
  }
  if (buckets.length === 0)
    parts.push(
      `<text class="empty" x="${M.l + PW / 2}" y="${M.t + PH / 2}" text-anchor="middle">${esc(emptyText)}</text>`,
    );
  return [
    `<svg class="timeline" data-cell="${esc(c.id)}" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" role="img" xmlns="http://www.w3.org/2000/svg">`,
    `<title>${esc(`Success rate and p95 latency over time — ${c.id}`)}</title>`,
    ...parts,
    '</svg>',
  ].join('\n');
}
