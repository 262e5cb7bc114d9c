/**
 * The network of a cell when it has network faults: one LinkProxy per directed link (each agent →
 * each topology peer, and `client` → each member of the first flow step's group), so a rule can hit
 * exactly the links between two sets of agents. Rules are kept per fault occurrence and composed per
 * link, so overlapping faults add up and lifting one leaves the others in force.
 */
import { fnv1a } from '../util/random.js';
import { composeRules, type LinkRule } from './link-rule.js';
import { LinkProxy, type MessageHit } from './proxy.js';

/** A directed link: `from` calls `to`. */
export interface LinkSpec {
  from: string;
  to: string;
}

/** Every directed link of a cell: agents to their peers, the client to its targets. */
export function cellLinks(peers: Record<string, string[]>, clientTargets: readonly string[]): LinkSpec[] {
  const links: LinkSpec[] = [];
  for (const [from, tos] of Object.entries(peers)) for (const to of tos) links.push({ from, to });
  for (const to of clientTargets) links.push({ from: 'client', to });
  return links;
}

/** Each link draws from its own PRNG stream, seeded from the cell's seed and the link's name. */
function linkSeed(seed: number, from: string, to: string): number {
  return (fnv1a(`${from}>${to}`) ^ seed) >>> 0;
}

const key = (from: string, to: string): string => `${from}\u0000${to}`;

/** Every socket is destroyed at close, so this bound only matters if something is badly wrong. */
const CLOSE_TIMEOUT_MS = 2000;

/** The proxies of one cell. */
export class NetworkFabric {
  private readonly byKey = new Map<string, LinkProxy>();
  private readonly active = new Map<number, { links: LinkProxy[]; rule: LinkRule }>();
  private readonly hits = new Map<number, number>();
  private closing: Promise<void> | undefined;
  /** Called for every message a message fault acted on (the cell records it in the history). */
  onMessage: ((hit: MessageHit) => void) | undefined;

  private constructor(proxies: LinkProxy[]) {
    for (const p of proxies) {
      this.byKey.set(key(p.from, p.to), p);
      p.onMessage = (hit) => {
        this.hits.set(hit.rule.fault, (this.hits.get(hit.rule.fault) ?? 0) + 1);
        this.onMessage?.(hit);
      };
    }
  }

  /** Messages fault occurrence `fault` has acted on so far. */
  messagesHit(fault: number): number {
    return this.hits.get(fault) ?? 0;
  }

  /**
   * Listen for every link. Call before reserving the agents' ports: listeners held open cannot be
   * handed out again as agent ports. A failure closes what was opened.
   */
  static async open(links: readonly LinkSpec[], seed: number): Promise<NetworkFabric> {
    const settled = await Promise.allSettled(
      links.map((l) => LinkProxy.listen({ ...l, seed: linkSeed(seed, l.from, l.to) })),
    );
    const ok = settled.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
    const failed = settled.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed) {
      await Promise.all(ok.map((p) => p.close()));
      throw new Error(`fault proxy: cannot listen: ${(failed.reason as Error).message}`);
    }
    return new NetworkFabric(ok);
  }

  /** Point every link at its target's real port. */
  setTargets(portOf: ReadonlyMap<string, number>): void {
    for (const p of this.byKey.values()) p.setTarget(portOf.get(p.to) ?? 0);
  }

  /** The URL `from` must use to reach `to`, if that link exists. */
  urlFor(from: string, to: string): string | undefined {
    return this.byKey.get(key(from, to))?.url;
  }

  /** Every link. */
  all(): LinkProxy[] {
    return [...this.byKey.values()];
  }

  /** Put `rule` on `links` for fault occurrence `fault`. */
  apply(fault: number, links: readonly LinkProxy[], rule: LinkRule): void {
    this.active.set(fault, { links: [...links], rule });
    this.recompose(links);
  }

  /** Lift the rule of fault occurrence `fault` (no-op if it is not active). */
  lift(fault: number): void {
    const a = this.active.get(fault);
    if (!a) return;
    this.active.delete(fault);
    this.recompose(a.links);
  }

  /** Stop every proxy (bounded: teardown never waits more than CLOSE_TIMEOUT_MS on them). Idempotent. */
  close(): Promise<void> {
    this.closing ??= new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, CLOSE_TIMEOUT_MS);
      void Promise.all(this.all().map((p) => p.close())).then(() => {
        clearTimeout(timer);
        resolve();
      });
    });
    return this.closing;
  }

  private recompose(links: readonly LinkProxy[]): void {
    for (const link of links) {
      const rules = [...this.active.values()].filter((a) => a.links.includes(link)).map((a) => a.rule);
      link.setRule(composeRules(rules));
    }
  }
}
