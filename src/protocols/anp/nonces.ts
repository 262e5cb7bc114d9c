/**
 * Nonces already accepted, remembered for as long as their timestamps could still be accepted, in
 * bounded memory: entries are kept in insertion order, so expired ones are dropped from the front.
 * When the store is full of live nonces it refuses new ones (fail closed) rather than forgetting a
 * live nonce, which would let that request be replayed.
 */
export class NonceStore {
  private readonly seen = new Map<string, number>();

  constructor(
    private readonly retainMs: number,
    private readonly capacity = 100_000,
  ) {}

  /** True when `nonce` was already accepted and is still remembered. */
  has(nonce: string, nowMs = Date.now()): boolean {
    this.prune(nowMs);
    return this.seen.has(nonce);
  }

  /** Remember `nonce`; false when it was already there or the store is full. */
  add(nonce: string, nowMs = Date.now()): boolean {
    this.prune(nowMs);
    if (this.seen.has(nonce) || this.seen.size >= this.capacity) return false;
    this.seen.set(nonce, nowMs + this.retainMs);
    return true;
  }

  /** How many nonces are remembered. */
  get size(): number {
    return this.seen.size;
  }

  private prune(nowMs: number): void {
    for (const [nonce, expires] of this.seen) {
      if (expires > nowMs) break;
      this.seen.delete(nonce);
    }
  }
}
