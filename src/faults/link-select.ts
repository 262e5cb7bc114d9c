/** Which directed links a partition or a network fault hits. Pure, so `storm plan` and tests can use it. */

/** Anything with a caller and a target. */
export interface Directed {
  from: string;
  to: string;
}

/** Expand the literal `rest` into every agent not named on another side; drop empty sides. */
export function resolveSides(sides: readonly (readonly string[])[], agentIds: readonly string[]): string[][] {
  const named = new Set(sides.flat().filter((id) => id !== 'rest'));
  const rest = agentIds.filter((id) => !named.has(id));
  return sides
    .map((side) => [...new Set(side.flatMap((id) => (id === 'rest' ? rest : [id])))])
    .filter((side) => side.length > 0);
}

/**
 * Links whose two ends sit on different sides, both directions. An id on no side (the client,
 * unless it is named) is never cut; an id on two sides stays connected to both.
 */
export function cutLinks<L extends Directed>(sides: readonly (readonly string[])[], links: readonly L[]): L[] {
  const sideOf = new Map<string, Set<number>>();
  sides.forEach((side, i) => {
    for (const id of side) sideOf.set(id, (sideOf.get(id) ?? new Set()).add(i));
  });
  return links.filter((l) => {
    const a = sideOf.get(l.from);
    const b = sideOf.get(l.to);
    return a !== undefined && b !== undefined && ![...a].some((i) => b.has(i));
  });
}

/** Links into and out of any of `targets` (the client's links to them included). */
export function touchingLinks<L extends Directed>(targets: readonly string[], links: readonly L[]): L[] {
  const set = new Set(targets);
  return links.filter((l) => set.has(l.from) || set.has(l.to));
}
