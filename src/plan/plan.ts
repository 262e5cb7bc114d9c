/**
 * Planning is pure: scenarios × protocols × repeats → immutable Cells with stable ids, then filters
 * and sharding. No I/O here, so plain-object tests cover every option.
 */
import type { ProtocolName, Scenario } from '../scenario/types.js';
import { fnv1a } from './random.js';
import type { Cell, Plan, PlanOptions, SkippedCell } from './types.js';

/** A scenario with the path it should be reported under (relative to the working directory). */
export interface PlannedScenario {
  file: string;
  scenario: Scenario;
}

/** The protocol a scenario is pinned to by a `command` group, if any. */
export function pinnedProtocol(s: Scenario): ProtocolName | undefined {
  return s.groups.find((g) => g.protocol)?.protocol;
}

/** Build the plan: one cell per scenario × protocol × repeat, filtered and sharded. */
export function planCells(scenarios: PlannedScenario[], opts: PlanOptions = {}): Plan {
  const nameFilter = opts.name ? new RegExp(opts.name) : undefined;
  const repeat = Math.max(1, opts.repeat ?? 1);
  const cells: Cell[] = [];
  const skipped: SkippedCell[] = [];

  for (const { file, scenario } of scenarios) {
    if (nameFilter && !nameFilter.test(scenario.name)) continue;
    const pinned = pinnedProtocol(scenario);
    for (const protocol of scenario.protocols) {
      if (opts.protocols && !opts.protocols.includes(protocol)) continue;
      const base = `${file}#${protocol}`;
      if (pinned && pinned !== protocol) {
        skipped.push({ id: base, file, scenarioName: scenario.name, protocol, reason: `agents are pinned to protocol "${pinned}"` });
        continue;
      }
      for (let r = 0; r < repeat; r++) {
        cells.push(
          Object.freeze({
            id: repeat > 1 ? `${base}#r${r}` : base,
            scenario,
            file,
            protocol,
            repeat: r,
            seed: opts.seed ?? scenario.seed,
          }),
        );
      }
    }
  }
  const sharded = opts.shard ? shardCells(cells, opts.shard.index, opts.shard.total) : cells;
  return { cells: sharded, skipped };
}

/**
 * A stable 1/n slice: each cell goes to the shard its id hashes to, so adding a scenario never moves
 * another scenario's cells between machines. Shards are disjoint and together cover every cell.
 * `index` is 1-based, as in `--shard 2/3`.
 */
export function shardCells(cells: Cell[], index: number, total: number): Cell[] {
  return cells.filter((c) => (fnv1a(c.id) % total) + 1 === index);
}

/** Parse `--shard i/n`; returns an error message instead of throwing. */
export function parseShard(text: string): { index: number; total: number } | string {
  const m = /^(\d+)\/(\d+)$/.exec(text.trim());
  if (!m) return `--shard expects i/n (e.g. 1/3), got "${text}"`;
  const index = Number(m[1]);
  const total = Number(m[2]);
  if (total < 1 || index < 1 || index > total) return `--shard ${text}: i must be between 1 and n`;
  return { index, total };
}
