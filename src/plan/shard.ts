/**
 * Balanced, stable shards (`--shard i/n`, SPEC §5): CI machines each run one slice of the cells, and
 * the slowest machine decides when the pipeline is green, so cells are dealt out by planned duration,
 * not by count. Pure and deterministic: the same cells give the same shards on every machine,
 * whatever order the files were discovered in.
 */
import type { Scenario } from '../scenario/types.js';
import type { Cell } from './types.js';

/**
 * What a cell costs beyond its workload: loading the protocol, spawning and readying the agents
 * (node processes, roughly 150 ms each on a small CI machine), and the teardown grace. An estimate;
 * it only has to rank cells, and it is the same on every machine.
 */
const CELL_OVERHEAD_MS = 1500;
const PER_AGENT_START_MS = 150;

/** The planned wall time of one cell of `scenario`: its duration plus the start-up and teardown estimate. */
export function plannedDurationMs(scenario: Scenario): number {
  return scenario.durationMs + CELL_OVERHEAD_MS + PER_AGENT_START_MS * scenario.agents.length;
}

/** A shard's share of the plan. */
export interface ShardLoad {
  /** 1-based, as in `--shard 2/3`. */
  index: number;
  cells: Cell[];
  plannedMs: number;
}

/**
 * Deal `cells` into `total` shards, longest first, each to the shard with the least planned time so
 * far (LPT scheduling: within 4/3 of the best possible longest shard). Ties go to the shard holding
 * fewer cells of the same scenario, so one scenario's protocols spread over machines, then to the
 * lowest index. Cells are sorted by (planned time, id) first, so file order cannot change the result.
 * Shards are disjoint and together hold every cell; each shard keeps the plan's own cell order.
 */
export function balanceShards(cells: readonly Cell[], total: number): ShardLoad[] {
  const cost = new Map(cells.map((c) => [c.id, plannedDurationMs(c.scenario)]));
  const sorted = [...cells].sort(
    (a, b) => cost.get(b.id)! - cost.get(a.id)! || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
  const shards = Array.from({ length: total }, (_, i) => ({
    index: i + 1,
    ids: new Set<string>(),
    plannedMs: 0,
    perFile: new Map<string, number>(),
  }));
  for (const cell of sorted) {
    let best = shards[0];
    for (const s of shards.slice(1)) {
      const sameHere = s.perFile.get(cell.file) ?? 0;
      const sameBest = best.perFile.get(cell.file) ?? 0;
      if (s.plannedMs < best.plannedMs || (s.plannedMs === best.plannedMs && sameHere < sameBest)) best = s;
    }
    best.ids.add(cell.id);
    best.plannedMs += cost.get(cell.id)!;
    best.perFile.set(cell.file, (best.perFile.get(cell.file) ?? 0) + 1);
  }
  return shards.map((s) => ({ index: s.index, cells: cells.filter((c) => s.ids.has(c.id)), plannedMs: s.plannedMs }));
}

/** The cells of shard `index` (1-based) of `total`. */
export function shardCells(cells: readonly Cell[], index: number, total: number): Cell[] {
  return balanceShards(cells, total)[index - 1].cells;
}
