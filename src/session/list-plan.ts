/**
 * `storm test --list`: the cells that would run, and with `--shard` each shard's planned time, so a
 * CI matrix can be sized (and its balance checked) before anything runs.
 */
import type { Plan } from '../plan/types.js';

/** `1m 05s`, `42s`: planned times are estimates, whole seconds are enough. */
export function formatPlanned(ms: number): string {
  const s = Math.round(ms / 1000);
  return s >= 60 ? `${Math.floor(s / 60)}m ${String(s % 60).padStart(2, '0')}s` : `${s}s`;
}

/** Write the list; `shard` is the `--shard` slice this run would take, if any. */
export function writePlanList(out: NodeJS.WritableStream, plan: Plan, shard?: { index: number; total: number }): void {
  for (const c of plan.cells) out.write(`${c.id}  seed ${c.seed}  ${c.scenario.name}\n`);
  for (const s of plan.skipped) out.write(`${s.id}  skipped: ${s.reason}\n`);
  out.write(`${plan.cells.length} cells\n`);
  if (!shard || !plan.shards) return;
  const mine = plan.shards[shard.index - 1];
  const all = plan.shards.map((s) => `${s.index}/${shard.total} ${s.cells.length} cells ${formatPlanned(s.plannedMs)}`);
  out.write(
    `shard ${shard.index}/${shard.total}: planned ${formatPlanned(mine.plannedMs)} (every shard: ${all.join(' · ')})\n`,
  );
}
