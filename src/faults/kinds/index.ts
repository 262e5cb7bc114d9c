/**
 * The registry of fault kinds: one entry per `kind` of a normalized FaultSpec. Adding a kind = one
 * file in this folder, one line here, its scenario key in schemas/storm.schema.json and
 * src/scenario/normalize/faults.ts (CONTRIBUTING.md walks through it).
 */
import type { FaultSpec, Scenario } from '../../scenario/types.js';
import { killFault } from './kill.js';
import { networkFault } from './network.js';
import { partitionFault } from './partition.js';
import type { FaultKind } from './types.js';

type KindOf<K extends FaultSpec['kind']> = FaultKind<Extract<FaultSpec, { kind: K }>>;

export const FAULT_KINDS: { [K in FaultSpec['kind']]: KindOf<K> } = {
  kill: killFault,
  partition: partitionFault,
  network: networkFault,
};

/** The kind that runs `spec`. */
export function faultKindOf<S extends FaultSpec>(spec: S): FaultKind<S> {
  return FAULT_KINDS[spec.kind] as unknown as FaultKind<S>;
}

/** Does the scenario need the fault proxy (any fault acting through it)? */
export function needsProxy(scenario: Pick<Scenario, 'faults'>): boolean {
  return scenario.faults.some((f) => faultKindOf(f).usesProxy);
}

export type { AppliedFault, FaultEvidence, FaultKind, FaultWorld, SignalTarget } from './types.js';
