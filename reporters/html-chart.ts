/**
 * The per-cell timeline chart as inline SVG: success rate per bucket (left axis) and p95 latency
 * (right axis) over time, with a vertical mark at each fault, at its detection (t + detect_ms) and
 * at its recovery (t + recovery_ms), and the 90%-of-S_pre line recovery is measured against.
 */
import { escapeHtml as esc } from '../src/report/escape.js';
import type { Metrics } from '../src/model/metrics.js';
import type { FaultTimelineEntry } from '../src/model/results.js';

const W = 760;
const H = 240;
const M = { l: 48, r: 60, t: 24, b: 30 };
const PW = W - M.l - M.r;
const PH = H - M.t - M.b;
// Labels of the three kinds sit at different heights so close marks stay readable.
const LABEL_Y: Record<Mark['kind'], number> = { fault: M.t - 6, detect: M.t + 12, recover: M.t + 26 };
const TIME_STEPS = [250, 500, 1000, 2000, 5000, 10_000, 15_000, 30_000, 60_000, 120_000, 300_000, 600_000];

/** A vertical mark on the chart. */
interface Mark {
  t: number;
  kind: 'fault' | 'detect' | 'recover';
  label: string;
  title: string;
}

const fmt = (n: number): string => String(Math.round(n * 100) / 100);
const secs = (ms: number): string => `${(ms / 1000).toFixed(2)}s`;

function niceCeil(v: number): number {
  if (v <= 0) return 1;
  const p = 10 ** Math.floor(Math.log10(v));
  return ([1, 2, 2.5, 5, 10].find((s) => s * p >= v) ?? 10) * p;
}

function marks(m: Metrics | null, faults: FaultTimelineEntry[]): Mark[] {
  const out: Mark[] = faults.map((f) => ({
    t: f.t, kind: 'fault', label: f.kind,
    title: `t=${secs(f.t)} ${f.kind} ${f.victims.join(', ')}${f.signal ? ` (${f.signal})` : ''} ${f.verified ? 'verified' : 'NOT verified'}`,
  }));
  for (const r of m?.faults ?? []) {
    if (r.detect_ms !== null) out.push({ t: r.t + r.detect_ms, kind: 'detect', label: 'detected', title: `detected at t=${secs(r.t + r.detect_ms)} (detect_ms ${Math.round(r.detect_ms)})` });
    if (r.recovery_ms !== null) out.push({ t: r.t + r.recovery_ms, kind: 'recover', label: 'recovered', title: `recovered at t=${secs(r.t + r.recovery_ms)} (recovery_ms ${Math.round(r.recovery_ms)})` });
  }
  return out;
}

/** An SVG path through the points, broken where a value is null. */
function path(points: [number, number | null][]): string {
  let d = '';
  let pen = false;
  for (const [x, y] of points) {
    if (y === null) { pen = false; continue; }
    d += `${pen ? 'L' : 'M'}${fmt(x)} ${fmt(y)}`;
    pen = true;
  }
  return d;
}

/** The timeline chart of one cell; `id` keeps the SVG's ids unique within the page. */
export function timelineChart(id: string, m: Metrics | null, faults: FaultTimelineEntry[], emptyText: string): string {
  const buckets = m?.buckets ?? [];
  // buckets carry their own width (the resolution, or less for a fault's cut last bucket)
  const bucketMs = m?.resolution_ms ?? m?.bucket_ms ?? 250;
  const all = marks(m, faults);
  const t1 = Math.max(1000, ...buckets.map((b) => b.t + (b.width ?? bucketMs)), ...all.map((k) => k.t + bucketMs));
  const t0 = Math.min(0, ...buckets.map((b) => b.t));
  const x = (t: number) => M.l + ((t - t0) / (t1 - t0)) * PW;
  const yRate = (r: number) => M.t + (1 - r) * PH;
  const latMax = niceCeil(Math.max(0, ...buckets.map((b) => b.p95_latency ?? 0)));
  const yLat = (v: number) => M.t + (1 - v / latMax) * PH;
  const step = TIME_STEPS.find((s) => (t1 - t0) / s <= 10) ?? 600_000;

  const parts: string[] = [];
  parts.push(`<rect class="plot" x="${M.l}" y="${M.t}" width="${PW}" height="${PH}"/>`);
  for (let t = Math.ceil(t0 / step) * step; t <= t1; t += step) {
    parts.push(`<line class="grid" x1="${fmt(x(t))}" x2="${fmt(x(t))}" y1="${M.t}" y2="${M.t + PH}"/>`);
    parts.push(`<text class="tick" x="${fmt(x(t))}" y="${H - 10}" text-anchor="middle">${fmt(t / 1000)}s</text>`);
  }
  for (const r of [0, 0.5, 1]) {
    parts.push(`<text class="tick rate" x="${M.l - 6}" y="${fmt(yRate(r) + 4)}" text-anchor="end">${r * 100}%</text>`);
    parts.push(`<text class="tick latency" x="${M.l + PW + 6}" y="${fmt(yLat(r * latMax) + 4)}">${fmt(r * latMax)}ms</text>`);
  }
  const sPre = m?.faults[0]?.s_pre;
  if (sPre !== null && sPre !== undefined) {
    parts.push(`<line class="threshold" x1="${M.l}" x2="${M.l + PW}" y1="${fmt(yRate(0.9 * sPre))}" y2="${fmt(yRate(0.9 * sPre))}"><title>90% of the pre-fault success rate (${(0.9 * sPre * 100).toFixed(1)}%)</title></line>`);
  }
  const mid = (b: Metrics['buckets'][number]) => x(b.t + (b.width ?? bucketMs) / 2);
  // a bucket without evidence (fewer than min_samples / 2 tasks) is a gap, not a point
  const seen = (b: Metrics['buckets'][number]) => b.evidential !== false;
  parts.push(`<path class="series latency" d="${path(buckets.map((b) => [mid(b), b.p95_latency === null || !seen(b) ? null : yLat(b.p95_latency)]))}"/>`);
  parts.push(`<path class="series rate" d="${path(buckets.map((b) => [mid(b), b.rate === null || !seen(b) ? null : yRate(b.rate)]))}"/>`);
  for (const k of all) {
    parts.push(`<g class="mark ${k.kind}"><title>${esc(k.title)}</title><line x1="${fmt(x(k.t))}" x2="${fmt(x(k.t))}" y1="${M.t}" y2="${M.t + PH}"/><text x="${fmt(x(k.t) + 3)}" y="${LABEL_Y[k.kind]}">${esc(k.label)}</text></g>`);
  }
  if (buckets.length === 0) parts.push(`<text class="empty" x="${M.l + PW / 2}" y="${M.t + PH / 2}" text-anchor="middle">${esc(emptyText)}</text>`);
  return [
    `<svg class="timeline" data-cell="${esc(id)}" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" role="img" xmlns="http://www.w3.org/2000/svg">`,
    `<title>${esc(`Success rate and p95 latency over time — ${id}`)}</title>`,
    ...parts,
    '</svg>',
  ].join('\n');
}
