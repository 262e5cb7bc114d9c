/**
 * A `--name` / `--protocol` filter that selects no cell is a usage error (SPEC §5, exit 2): a typo in a
 * CI command line must not pass as an empty, green run. Sharding is not a filter here: an empty
 * shard is a legitimate slice of a small plan.
 */
import type { PlannedScenario } from '../plan/plan.js';
import type { PlanOptions } from '../plan/types.js';
import { UsageError } from '../report/errors.js';
import { didYouMeanAny, editDistance } from '../util/did-you-mean.js';

/**
 * Scenario names a mistyped `--name` probably meant, best first. Names are long sentences and the
 * pattern usually a piece of one, so it is compared with each same-length window that starts a word.
 */
export function nearNames(pattern: string, names: readonly string[], max = 3): string[] {
  const p = pattern.toLowerCase().slice(0, 128);
  const limit = Math.max(1, Math.floor(p.length / 3));
  const scored: [string, number][] = [];
  for (const name of names) {
    const n = name.toLowerCase();
    const starts = [0, ...[...n.matchAll(/[^a-z0-9][a-z0-9]/g)].map((m) => m.index + 1)];
    const d = Math.min(...starts.map((i) => editDistance(p, n.slice(i, i + p.length))));
    if (d <= limit) scored.push([name, d]);
  }
  return scored
    .sort((a, b) => a[1] - b[1])
    .slice(0, max)
    .map(([name]) => name);
}

/** The usage error when the filters leave nothing of the loaded scenarios, else undefined. */
export function emptySelection(scenarios: readonly PlannedScenario[], opts: PlanOptions): UsageError | undefined {
  if (scenarios.length === 0 || (opts.name === undefined && !opts.protocols)) return undefined;
  const names = scenarios.map((s) => s.scenario.name);
  const byName =
    opts.name === undefined ? scenarios : scenarios.filter((s) => new RegExp(opts.name!).test(s.scenario.name));
  if (byName.length === 0) {
    const n = scenarios.length;
    const guess = didYouMeanAny(nearNames(opts.name!, names));
    return new UsageError(
      `--name "${opts.name}" matches none of the ${n} scenario${n === 1 ? '' : 's'} found${guess}`,
      {
        hint: '--name is a case-sensitive regular expression over scenario names; `storm test <paths> --list` shows them',
      },
    );
  }
  const offered = [...new Set(byName.flatMap((s) => s.scenario.protocols))];
  if (opts.protocols && !opts.protocols.some((p) => offered.includes(p))) {
    const which = opts.name === undefined ? 'the scenarios found' : `the scenarios matching --name "${opts.name}"`;
    return new UsageError(
      `--protocol ${opts.protocols.join(',')} selects no cell: ${which} run only ${offered.join(', ')}`,
      {
        hint: `pick one of ${offered.join(', ')}, or add the protocol to the scenario's \`protocols\` list`,
      },
    );
  }
  return undefined;
}
