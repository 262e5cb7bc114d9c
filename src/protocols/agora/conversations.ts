/**
 * Multi-round conversations (standard v0.2 §7), in memory: a random id (§11.2: hard to guess), the
 * protocol fixed at the start ("one conversation, one protocol"), and an expiry that each follow-up
 * extends. Expired conversations are kept (so a late follow-up hears "Conversation expired", §7.3)
 * until room is needed; the store is bounded, expired entries go first, then the oldest.
 */
import { randomUUID } from 'node:crypto';

/** What a conversation id refers to. */
export type Found = { state: 'unknown' } | { state: 'expired' } | { state: 'open'; protocolHash: string | null };

interface Conversation {
  protocolHash: string | null;
  expiresAt: number;
}

/** The conversations of one receiver process. */
export class Conversations {
  private readonly open = new Map<string, Conversation>();

  constructor(
    private readonly ttlMs = 300_000,
    private readonly now: () => number = Date.now,
    private readonly max = 1024,
  ) {}

  /** Start a conversation; returns its id and expiry (Unix seconds, §6.2 `conversationExpires`). */
  start(protocolHash: string | null): { conversationId: string; conversationExpires: number } {
    if (this.open.size >= this.max) this.makeRoom();
    const conversationId = randomUUID();
    const expiresAt = this.expiry();
    this.open.set(conversationId, { protocolHash, expiresAt });
    return { conversationId, conversationExpires: Math.floor(expiresAt / 1000) };
  }

  /** Look a conversation up without touching it. */
  find(id: string): Found {
    const c = this.open.get(id);
    if (!c) return { state: 'unknown' };
    return this.now() >= c.expiresAt ? { state: 'expired' } : { state: 'open', protocolHash: c.protocolHash };
  }

  /** A follow-up arrived: push the expiry out again; returns the new one (Unix seconds). */
  extend(id: string): number {
    const c = this.open.get(id);
    if (c) c.expiresAt = this.expiry();
    return Math.floor((c?.expiresAt ?? this.now()) / 1000);
  }

  /** Whole seconds, so the advertised `conversationExpires` is exactly when it stops working. */
  private expiry(): number {
    return Math.floor((this.now() + this.ttlMs) / 1000) * 1000;
  }

  private makeRoom(): void {
    const t = this.now();
    for (const [id, c] of this.open) if (t >= c.expiresAt) this.open.delete(id);
    // Map order is insertion order: the first key is the oldest conversation.
    while (this.open.size >= this.max) this.open.delete(this.open.keys().next().value as string);
  }
}
