/**
 * The live state of a cell's workload (src/model/results.ts `WorkloadState`): which faults are in
 * force and so which phase the workload is in. The fault schedule tells it when a fault is applied
 * and when it lifts; it sends a fresh state each time. Times are on the workload clock and passed
 * in, so tests drive it by hand.
 */
import type { ActiveFault, FaultTimelineEntry, WorkloadState } from '../model/results.js';

export class WorkloadTracker {
  private readonly active = new Map<number, ActiveFault>();
  private applied = 0;

  constructor(
    /** Fault occurrences the cell plans. */
    private readonly planned: number,
    private readonly send: (state: WorkloadState) => void,
  ) {}

  /** The workload began (t = 0). */
  begin(): void {
    this.emit(0);
  }

  /** A fault occurrence was applied and recorded. */
  faultApplied(entry: Pick<FaultTimelineEntry, 'fault' | 'kind' | 'victims' | 't'>): void {
    this.active.set(entry.fault, { fault: entry.fault, kind: entry.kind, victims: [...entry.victims], t: entry.t });
    this.applied++;
    this.emit(entry.t);
  }

  /** A fault occurrence stopped being in force at `t` (lifted, resumed, its victims restarted). */
  faultLifted(fault: number, t: number): void {
    if (this.active.delete(fault)) this.emit(t);
  }

  private emit(t: number): void {
    const active = [...this.active.values()];
    const phase = active.length > 0 ? 'fault' : this.applied > 0 ? 'post-fault' : 'pre-fault';
    this.send({ t, phase, active, applied: this.applied, planned: this.planned });
  }
}
