/**
 * Message faults on one direction of a proxied connection. While a link carries message rules, each
 * direction frames its bytes into HTTP messages (http-framer.ts), reads which storm message each one
 * is (message-fields.ts), and lets the rules pick among the matching ones with the link's seeded PRNG:
 *
 * - drop: the message never arrives, and neither does anything after it on that connection (it is
 *   silenced): the sender waits for a reply that cannot come, until its own timeout — what a lost
 *   message looks like to a synchronous sender. A dropped reply: the receiver did the work, the
 *   sender never learns it.
 * - delay: the message is held `delayMs` (later bytes wait behind it, in order).
 * - duplicate: the request is delivered, and a copy of its exact bytes on a connection of its own;
 *   the copy's reply is read and discarded. The receiver executes the message twice.
 * - corrupt: the payload's first byte becomes NUL, so it is no longer JSON (or text the fallback can
 *   read) and the receiver must reject it; the length is kept, so HTTP framing stays valid.
 *
 * A reply message type (a step to `client`) is the reply to a request of the previous step: a
 * response is matched with the request that went out before it on the same connection (storm's
 * clients never pipeline). A streamed reply (SSE) is acted on per event: a dropped event is left
 * out and the stream goes on; a corrupted one has the first byte of its data made NUL.
 */
import type { Random } from '../util/random.js';
import { HttpFramer, type HttpMessage } from './http-framer.js';
import type { LinkRule, MessageRule } from './link-rule.js';
import { messageFields, type MessageFields } from './message-fields.js';
import { eventData } from './sse-decoder.js';

/** Bytes to deliver after `delayMs` more than the link's own delay. */
export interface Piece {
  bytes: Buffer;
  delayMs: number;
}

/** What a tap needs from its connection. */
export interface TapHost {
  readonly rule: LinkRule | null;
  /** The link's PRNG for fault draws. */
  readonly faultRandom: Random;
  /** The storm message of the request in flight on this connection (replies are matched with it). */
  lastRequest: MessageFields | undefined;
  /** A rule acted on a message. */
  record(rule: MessageRule, fields: MessageFields, reply: boolean): void;
  /** Deliver a copy of a request on a separate connection. */
  duplicate(raw: Buffer): void;
  /** A message on this connection was dropped: nothing more is delivered either way. */
  silence(): void;
  /** Bytes the framer could not frame (too large, unknown framing). */
  unframed(bytes: number): void;
}

/** The message-fault filter of one direction. */
export class MessageTap {
  private readonly framer: HttpFramer;

  constructor(
    private readonly side: 'request' | 'response',
    private readonly host: TapHost,
  ) {
    this.framer = new HttpFramer(side);
  }

  /** No message partly buffered: the tap may be removed once its link has no message rule. */
  get idle(): boolean {
    return !this.framer.busy;
  }

  /** Frame a chunk; returns what to deliver, in order (nothing while a message is incomplete). */
  feed(chunk: Buffer): Piece[] {
    const out: Piece[] = [];
    for (const f of this.framer.feed(chunk)) {
      if ('unframed' in f) {
        this.host.unframed(f.unframed.length);
        out.push({ bytes: f.unframed, delayMs: 0 });
        continue;
      }
      const piece = this.act(f.message);
      if (piece === 'silenced') break;
      if (piece !== 'skipped') out.push(piece);
    }
    return out;
  }

  private act(m: HttpMessage): Piece | 'silenced' | 'skipped' {
    const pass = { bytes: m.raw, delayMs: 0 };
    let fields: MessageFields | undefined;
    let reply = false;
    if (this.side === 'request') {
      fields = messageFields(m.body);
      this.host.lastRequest = fields;
    } else if (m.part === 'event') {
      // an event of a streamed reply: the message it carries, else the request it answers
      fields = messageFields(Buffer.from(eventData(m.body).data)) ?? this.host.lastRequest;
      reply = true;
    } else if (m.part === 'head' || /^HTTP\/1\.[01] 1/.test(m.startLine)) {
      // a stream's head, or a 1xx interim reply: the answer is still to come
      return pass;
    } else {
      fields = this.host.lastRequest;
      this.host.lastRequest = undefined;
      if (m.part === 'end') return pass;
      reply = true;
    }
    if (!fields) return pass;
    // a streamed event is matched by the request it answers, like a whole reply
    const type = m.part === 'event' ? (this.host.lastRequest?.type ?? fields.type) : fields.type;
    for (const rule of this.host.rule?.messages ?? []) {
      const types = reply ? rule.replies : rule.requests;
      if (!types.includes(type) || (reply && rule.action === 'duplicate')) continue;
      // nothing to corrupt in a message without a payload (a 204 reply): it is not counted as hit
      if (rule.action === 'corrupt' && m.bodyAt < 0) continue;
      if (rule.share < 1 && this.host.faultRandom() >= rule.share) continue;
      this.host.record(rule, fields, reply);
      return this.apply(rule, m);
    }
    return pass;
  }

  private apply(rule: MessageRule, m: HttpMessage): Piece | 'silenced' | 'skipped' {
    switch (rule.action) {
      case 'drop':
        // one event of a stream is left out, the stream goes on; anything else silences the connection
        if (m.part === 'event') return 'skipped';
        this.host.silence();
        return 'silenced';
      case 'delay':
        return { bytes: m.raw, delayMs: rule.delayMs ?? 0 };
      case 'duplicate':
        this.host.duplicate(m.raw);
        return { bytes: m.raw, delayMs: 0 };
      case 'corrupt': {
        const bytes = Buffer.from(m.raw);
        bytes[m.bodyAt] = 0;
        return { bytes, delayMs: 0 };
      }
    }
  }
}
