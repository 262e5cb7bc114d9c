/** The plan unit: one scenario × protocol × repeat, immutable, with a stable id. */
import type { ProtocolName, Scenario } from '../scenario/types.js';
import type { ShardLoad } from './shard.js';

export interface Cell {
  /** Stable across runs and machines: `<scenario file relative to cwd>#<protocol>[#r<repeat>]`. */
  id: string;
  scenario: Scenario;
  /** The scenario file relative to the working directory (report keys, annotations). */
  file: string;
  protocol: ProtocolName;
  repeat: number;
  /** Effective seed: the scenario's seed (or --seed) plus the repeat index. */
  seed: number;
}

/** A protocol of a scenario that will not run, with why (e.g. pinned by a `command` group). */
export interface SkippedCell {
  id: string;
  file: string;
  scenarioName: string;
  protocol: ProtocolName;
  reason: string;
}

export interface PlanOptions {
  protocols?: ProtocolName[];
  /** Regex over scenario names. */
  name?: string;
  seed?: number;
  shard?: { index: number; total: number };
  repeat?: number;
}

export interface Plan {
  cells: Cell[];
  skipped: SkippedCell[];
  /** With `--shard`: every shard of the whole plan, with its planned time (`--list` shows them). */
  shards?: ShardLoad[];
}
