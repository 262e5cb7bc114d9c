/**
 * Planning is pure: scenarios × protocols × repeats → immutable Cells with stable ids, then filters
 * and sharding. No I/O here, so plain-object tests cover every option.
 */
import type { ProtocolName, Scenario } from '../scenario/types.js';
import { balanceShards } from './shard.js';
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

/**
 * Build the plan: one cell per scenario × protocol × repeat, filtered and sharded.
 * Repeat k runs with seed + k (SPEC §3), so repeats draw other victims and another question order.
 * Repeats are interleaved — every protocol's r0, then every protocol's r1, … — so a slow drift in the
 * machine's load hits all protocols of a scenario alike instead of biasing the one that ran last.
 */
export function planCells(scenarios: PlannedScenario[], opts: PlanOptions = {}): Plan {
  const nameFilter = opts.name ? new RegExp(opts.name) : undefined;
  const repeat = Math.max(1, opts.repeat ?? 1);
  const cells: Cell[] = [];
  const skipped: SkippedCell[] = [];

  for (const { file, scenario } of scenarios) {
    if (nameFilter && !nameFilter.test(scenario.name)) continue;
    const pinned = pinnedProtocol(scenario);
    const protocols = scenario.protocols.filter((p) => !opts.protocols || opts.protocols.includes(p));
    for (const protocol of protocols.filter((p) => pinned && pinned !== p)) {
      skipped.push({
        id: `${file}#${protocol}`,
        file,
        scenarioName: scenario.name,
        protocol,
        reason: `agents are pinned to protocol "${pinned}"`,
      });
    }
    const runnable = protocols.filter((p) => !pinned || pinned === p);
    const base = opts.seed ?? scenario.seed;
    for (let r = 0; r < repeat; r++) {
      for (const protocol of runnable) {
        const id = `${file}#${protocol}`;
        cells.push(
          Object.freeze({
            id: repeat > 1 ? `${id}#r${r}` : id,
            scenario,
            file,
            protocol,
            repeat: r,
            seed: repeatSeed(base, r),
          }),
        );
      }
    }
  }
  if (!opts.shard) return { cells, skipped };
  const shards = balanceShards(cells, opts.shard.total);
  return { cells: shards[opts.shard.index - 1].cells, skipped, shards };
}

/** The seed of repeat `k` of a cell whose seed is `base`: base + k (SPEC §3). */
export function repeatSeed(base: number, k: number): number {
  return base + k;
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
