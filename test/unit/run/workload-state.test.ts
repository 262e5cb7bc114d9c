/**
 * The workload's live phase from the fault schedule's events: pre-fault until a fault is applied,
 * fault while any is in force, post-fault once all lifted; overlapping faults and a fault that never
 * lifts (a kill without restart).
 */
import { describe, expect, it } from 'vitest';
import type { WorkloadState } from '../../../src/model/results.js';
import { WorkloadTracker } from '../../../src/run/workload-state.js';

function track(planned: number): { tracker: WorkloadTracker; sent: WorkloadState[] } {
  const sent: WorkloadState[] = [];
  return { tracker: new WorkloadTracker(planned, (s) => sent.push(s)), sent };
}

const summary = (s: WorkloadState): string =>
  `${s.t} ${s.phase} [${s.active.map((f) => `${f.kind}:${f.victims.join(',')}`).join(' ')}] ${s.applied}/${s.planned}`;

describe('WorkloadTracker', () => {
  it('moves pre-fault → fault → post-fault as faults start and lift, overlapping ones included', () => {
    const { tracker, sent } = track(2);
    tracker.begin();
    tracker.faultApplied({ fault: 0, kind: 'kill', victims: ['worker-2', 'worker-5'], t: 4000 });
    tracker.faultApplied({ fault: 1, kind: 'partition', victims: ['worker-1'], t: 5000 });
    tracker.faultLifted(0, 7000); // restarted
    tracker.faultLifted(1, 9000); // healed
    expect(sent.map(summary)).toEqual([
      '0 pre-fault [] 0/2',
      '4000 fault [kill:worker-2,worker-5] 1/2',
      '5000 fault [kill:worker-2,worker-5 partition:worker-1] 2/2',
      '7000 fault [partition:worker-1] 2/2',
      '9000 post-fault [] 2/2',
    ]);
  });

  it('keeps a fault that never lifts in force, and ignores a lift it never saw applied', () => {
    const { tracker, sent } = track(1);
    tracker.begin();
    tracker.faultApplied({ fault: 0, kind: 'kill', victims: ['worker-3'], t: 2000 });
    tracker.faultLifted(7, 3000);
    expect(sent.map(summary)).toEqual(['0 pre-fault [] 0/1', '2000 fault [kill:worker-3] 1/1']);
  });

  it('sends copies: a later change does not rewrite a state already sent', () => {
    const { tracker, sent } = track(1);
    const victims = ['worker-1'];
    tracker.faultApplied({ fault: 0, kind: 'pause', victims, t: 1000 });
    victims.push('worker-9');
    tracker.faultLifted(0, 2000);
    expect(sent[0].active).toEqual([{ fault: 0, kind: 'pause', victims: ['worker-1'], t: 1000 }]);
  });
});
