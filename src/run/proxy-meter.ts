/**
 * Metering of users' agents at the transport. Built-in agents count the bytes at their own server
 * sockets and report them; a user's agent cannot, so every caller reaches it through the cell's
 * link proxies (src/faults/proxy.ts), which count what passes in both directions and the HTTP
 * requests among it. Every FLUSH_MS this turns the counters of the links into each target agent
 * into a `wire` event for that agent (`by: 'proxy'`), the same shape and cadence as the agents' own.
 */
import type { LinkProxy } from '../faults/proxy.js';
import type { HistoryEvent } from '../model/history.js';
import { monotonicMs } from './clock.js';

/** The built-in agents flush every 100 ms; finer than any bucket. */
const FLUSH_MS = 100;

/** Reports the traffic into `metered` agents from the links' counters. */
export class ProxyMeter {
  private readonly last = new Map<LinkProxy, { bytes: number; requests: number }>();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly links: readonly LinkProxy[],
    private readonly metered: ReadonlySet<string>,
    private readonly record: (e: HistoryEvent) => void,
  ) {
    for (const link of links) if (metered.has(link.to)) link.metered = true;
  }

  /** Start the periodic flush. */
  start(): void {
    this.timer ??= setInterval(() => this.flush(), FLUSH_MS);
    this.timer.unref();
  }

  /** Report what passed since the last flush, one `wire` event per agent that had traffic. */
  flush(): void {
    const t = monotonicMs();
    const per = new Map<string, { bytes: number; messages: number }>();
    for (const link of this.links) {
      if (!this.metered.has(link.to)) continue;
      const prev = this.last.get(link) ?? { bytes: 0, requests: 0 };
      const bytes = link.bytes - prev.bytes;
      const messages = link.requests - prev.requests;
      this.last.set(link, { bytes: link.bytes, requests: link.requests });
      if (bytes === 0 && messages === 0) continue;
      const sum = per.get(link.to) ?? { bytes: 0, messages: 0 };
      per.set(link.to, { bytes: sum.bytes + bytes, messages: sum.messages + messages });
    }
    for (const [agent, s] of per)
      this.record({ type: 'wire', t, agent, bytes: s.bytes, messages: s.messages, by: 'proxy' });
  }

  /**
   * Metered agents that answered tasks (`answered`: ok task ends per agent) although no request
   * carrying work ever reached them through a link: their callers went around the proxy, so their
   * bytes were not all counted.
   */
  wentAround(answered: ReadonlyMap<string, number>): string[] {
    return [...this.metered].filter((id) => {
      const writes = this.links.filter((l) => l.to === id).reduce((n, l) => n + l.writes, 0);
      return (answered.get(id) ?? 0) > 0 && writes === 0;
    });
  }

  /** Stop and report the rest. Idempotent. */
  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
    this.flush();
  }
}
