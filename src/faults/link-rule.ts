/**
 * What a fault does to one directed link, and how a chunk's delay is drawn from it.
 *
 * Loss model: the proxy terminates TCP, so a lost segment cannot be dropped — TCP would retransmit
 * it. What a caller sees of loss is the retransmission delay, so each chunk is "lost" with
 * probability `loss` and then held for one retransmission timeout (200 ms, Linux's minimum RTO);
 * the retransmission may be lost again, and each further loss doubles the timeout (exponential
 * backoff), at most MAX_RETRANSMITS times. Later chunks of the same direction wait behind it
 * (head-of-line blocking), as they would in a real TCP stream.
 */
import type { Random } from '../util/random.js';

/** One message fault on a link: which messages it picks, and what it does to them. */
export interface MessageRule {
  /** The fault occurrence (message events name it). */
  fault: number;
  /** The flow's message type, as the scenario names it. */
  messageType: string;
  action: 'drop' | 'delay' | 'duplicate' | 'corrupt';
  /** Share of the matching messages hit (delay: 1). */
  share: number;
  delayMs?: number;
  /** Requests whose `type` is one of these are the message. */
  requests: readonly string[];
  /** Replies to requests of these types are the message. */
  replies: readonly string[];
}

/** The rule of one link. Absent fields mean "no effect". */
export interface LinkRule {
  /** Nothing crosses the link (partition). */
  blocked?: boolean;
  /** One-way delay added to every chunk, in each direction. */
  latencyMs?: number;
  /** Uniform ± spread around latencyMs. */
  jitterMs?: number;
  /** Probability (0..1) that a chunk needs a retransmission. */
  loss?: number;
  /** Share (0..1) of connections reset (RST), open ones when the rule is set and new ones. */
  reset?: number;
  /** A hung host: connections are accepted, nothing is ever delivered or answered. */
  blackhole?: boolean;
  /** Bytes per second in each direction. */
  bytesPerSec?: number;
  /** Message faults, in the order they were applied. */
  messages?: MessageRule[];
}

/** Linux's minimum retransmission timeout: the first retransmission of a lost segment. */
export const RETRANSMIT_MS = 200;
/** Bound on consecutive retransmissions drawn for one chunk (loss 100% ≈ 12.6 s per chunk). */
export const MAX_RETRANSMITS = 6;

/**
 * Combine the rules of overlapping faults on one link: delays add up, losses and reset shares
 * compound, any block or blackhole holds, the narrowest bandwidth wins, message faults stack.
 */
export function composeRules(rules: readonly LinkRule[]): LinkRule | null {
  if (rules.length === 0) return null;
  let blocked = false;
  let latencyMs = 0;
  let jitterMs = 0;
  let pass = 1;
  let kept = 1;
  let blackhole = false;
  let bytesPerSec = Infinity;
  const messages: MessageRule[] = [];
  for (const r of rules) {
    blocked ||= r.blocked === true;
    blackhole ||= r.blackhole === true;
    latencyMs += r.latencyMs ?? 0;
    jitterMs += r.jitterMs ?? 0;
    pass *= 1 - (r.loss ?? 0);
    kept *= 1 - (r.reset ?? 0);
    bytesPerSec = Math.min(bytesPerSec, r.bytesPerSec ?? Infinity);
    messages.push(...(r.messages ?? []));
  }
  const out: LinkRule = {};
  if (blocked) out.blocked = true;
  if (blackhole) out.blackhole = true;
  if (latencyMs > 0) out.latencyMs = latencyMs;
  if (jitterMs > 0) out.jitterMs = jitterMs;
  if (pass < 1) out.loss = 1 - pass;
  if (kept < 1) out.reset = 1 - kept;
  if (bytesPerSec < Infinity) out.bytesPerSec = bytesPerSec;
  if (messages.length) out.messages = messages;
  return out;
}

/** Extra delay of one chunk under `rule` (0 without a rule). Consumes the PRNG only when needed. */
export function chunkDelay(rule: LinkRule | null, random: Random): number {
  if (!rule) return 0;
  let delay = rule.latencyMs ?? 0;
  if (rule.jitterMs) delay += (random() * 2 - 1) * rule.jitterMs;
  delay = Math.max(0, delay);
  if (rule.loss) {
    let rto = RETRANSMIT_MS;
    for (let k = 0; k < MAX_RETRANSMITS && random() < rule.loss; k++) {
      delay += rto;
      rto *= 2;
    }
  }
  return delay;
}

/** The least delay a round trip through a link with `rule` must take (both directions). */
export function minRoundTripMs(rule: LinkRule): number {
  return 2 * Math.max(0, (rule.latencyMs ?? 0) - (rule.jitterMs ?? 0));
}

/** Human form of a rule for details and logs: "blocked", "latency 200±50 ms, loss 10%". */
export function describeRule(rule: LinkRule): string {
  if (rule.blocked) return 'blocked';
  if (rule.blackhole) return 'blackhole';
  const parts: string[] = [];
  if (rule.reset) parts.push(`reset ${+(rule.reset * 100).toFixed(2)}% of requests`);
  if (rule.bytesPerSec) parts.push(`bandwidth ${rule.bytesPerSec} B/s`);
  for (const m of rule.messages ?? []) {
    parts.push(
      `${m.action} ${m.action === 'delay' ? `${m.delayMs} ms` : `${+(m.share * 100).toFixed(2)}%`} of ${m.messageType} messages`,
    );
  }
  if (rule.latencyMs) parts.push(`latency ${rule.latencyMs}${rule.jitterMs ? `±${rule.jitterMs}` : ''} ms`);
  else if (rule.jitterMs) parts.push(`jitter ±${rule.jitterMs} ms`);
  if (rule.loss) parts.push(`loss ${+(rule.loss * 100).toFixed(2)}%`);
  return parts.join(', ') || 'no effect';
}
