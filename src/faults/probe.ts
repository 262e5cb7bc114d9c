/**
 * Verifies from the outside that links apply their rule. For each probed link, two small HTTP
 * requests run in parallel: one straight to the target's real port (the control: the target does
 * answer, and fast) and one through the link. A blocked link must stay silent for the whole window;
 * a delayed link must not answer before the least round trip its rule allows. Every probe is bounded
 * by PROBE_WINDOW_MS, so verifying a fault costs at most that long, whatever the rule. At most
 * MAX_PROBED_LINKS links are probed per fault (evenly spread); every link's installed rule is checked.
 */
import { connect } from 'node:net';
import { describeRule, minRoundTripMs, type LinkRule } from './link-rule.js';
import type { LinkProxy } from './proxy.js';

/** How long one probe waits for a first byte. */
export const PROBE_WINDOW_MS = 250;
/** Links probed per fault; the rest are only checked for the installed rule. */
export const MAX_PROBED_LINKS = 24;
/** Below this least round trip a timing check proves nothing (loss or jitter alone). */
const MIN_TIMED_MS = 2;

/** What one probe saw: the first byte, a failed connection, or nothing, and when (ms). */
export interface ProbeResult {
  kind: 'byte' | 'error' | 'silent';
  ms: number;
}

/** Send a minimal HTTP request to host:port and report the first thing that happens within `windowMs`. */
export function probe(port: number, windowMs = PROBE_WINDOW_MS, host = '127.0.0.1'): Promise<ProbeResult> {
  return new Promise((resolve) => {
    const start = performance.now();
    const socket = connect({ host, port, noDelay: true });
    let done = false;
    const finish = (kind: ProbeResult['kind']): void => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      socket.destroy();
      resolve({ kind, ms: performance.now() - start });
    };
    const timer = setTimeout(() => finish('silent'), windowMs);
    socket.on('connect', () =>
      socket.write(`GET /.well-known/storm-probe HTTP/1.1\r\nHost: ${host}:${port}\r\nConnection: close\r\n\r\n`),
    );
    socket.on('data', () => finish('byte'));
    socket.on('error', () => finish('error'));
    socket.on('close', () => finish('error'));
  });
}

/** The outcome of verifying one fault's links. */
export interface LinkVerdict {
  verified: boolean;
  detail: string;
}

/** Does the rule installed on a link include `wanted` (faults compose, so it may hold more)? */
function installed(have: LinkRule | null, wanted: LinkRule): boolean {
  if (!have) return false;
  if (wanted.blocked) return have.blocked === true;
  if (wanted.blackhole) return have.blackhole === true;
  if (wanted.reset && (have.reset ?? 0) < wanted.reset) return false;
  if (wanted.bytesPerSec && (have.bytesPerSec ?? Infinity) > wanted.bytesPerSec) return false;
  const faults = new Set((have.messages ?? []).map((m) => m.fault));
  if (wanted.messages?.some((m) => !faults.has(m.fault))) return false;
  return (
    (have.latencyMs ?? 0) >= (wanted.latencyMs ?? 0) &&
    (have.jitterMs ?? 0) >= (wanted.jitterMs ?? 0) &&
    (have.loss ?? 0) >= (wanted.loss ?? 0)
  );
}

function sample<T>(items: readonly T[], n: number): T[] {
  if (items.length <= n) return [...items];
  return Array.from({ length: n }, (_, i) => items[Math.floor((i * items.length) / n)]);
}

/** Check that every link carries `wanted` and that a sample of them shows its effect. */
export async function verifyLinks(links: readonly LinkProxy[], wanted: LinkRule): Promise<LinkVerdict> {
  const what = `${links.length} link${links.length === 1 ? '' : 's'}, ${describeRule(wanted)}`;
  if (links.length === 0) return { verified: false, detail: 'no link to apply the rule to' };
  const missing = links.find((l) => !installed(l.rule, wanted));
  if (missing)
    return { verified: false, detail: `${what}: link ${missing.from}→${missing.to} does not carry the rule` };
  // The bound each probed link must respect, from the rule actually in force on it.
  const timed = sample(links, MAX_PROBED_LINKS)
    .map((link) => ({
      link,
      bound: link.rule!.blocked || link.rule!.blackhole ? Infinity : minRoundTripMs(link.rule!),
    }))
    .filter((x) => x.bound >= MIN_TIMED_MS);
  if (timed.length === 0)
    return { verified: true, detail: `${what}; not observable by one probe, rule checked on every link` };
  const ports = [...new Set(timed.map((x) => x.link.targetPort))];
  const [controls, through] = await Promise.all([
    Promise.all(ports.map((p) => probe(p))),
    Promise.all(timed.map((x) => probe(x.link.port))),
  ]);
  const answering = new Set(ports.filter((_, i) => controls[i].kind === 'byte'));
  let checked = 0;
  for (const [i, { link, bound }] of timed.entries()) {
    // A target that does not answer directly (dead, or paused) says nothing about the link.
    if (!answering.has(link.targetPort)) continue;
    const r = through[i];
    if (r.kind !== 'silent' && r.ms < Math.min(bound, PROBE_WINDOW_MS) - 1) {
      const seen = r.kind === 'byte' ? 'answered' : 'failed';
      return {
        verified: false,
        detail: `${what}: a probe through ${link.from}→${link.to} ${seen} after ${r.ms.toFixed(1)} ms (expected nothing before ${Math.min(bound, PROBE_WINDOW_MS).toFixed(0)} ms)`,
      };
    }
    checked++;
  }
  if (checked === 0)
    return { verified: true, detail: `${what}; targets did not answer a direct probe, rule checked on every link` };
  const effect = timed.some((x) => x.bound === Infinity) ? `silent for ${PROBE_WINDOW_MS} ms` : 'delayed';
  return {
    verified: true,
    detail: `${what}; ${checked} probe${checked === 1 ? '' : 's'} ${effect} while the targets answered directly`,
  };
}
