/**
 * `message`: drop, delay, duplicate or corrupt single application messages of one message_type, on
 * every link (the type selects what is hit). The proxy frames each link's HTTP traffic to find the
 * messages (src/faults/message-tap.ts); every message hit is recorded in the history with its id.
 */
import { carriersOf } from '../../scenario/message-types.js';
import type { MessageFault } from '../../scenario/types.js';
import { applyCounted, liftRule, probeEvidence, settleBy } from './proxy-fault.js';
import type { FaultKind } from './types.js';

export const messageFault: FaultKind<MessageFault> = {
  usesProxy: true,

  apply(spec, occurrence, world) {
    const base = { kind: 'message' as const, occurrence, victims: [], pids: [] };
    if (!world.fabric) return base;
    const { requests, replies } = carriersOf(world.scenario.workload.messageFlow, spec.messageType);
    const rule = {
      messages: [
        {
          fault: occurrence,
          messageType: spec.messageType,
          action: spec.action,
          share: spec.share,
          ...(spec.delayMs !== undefined ? { delayMs: spec.delayMs } : {}),
          requests,
          replies,
        },
      ],
    };
    return { ...base, ...applyCounted(world, occurrence, world.fabric.all(), rule) };
  },

  // Which message a draw hits is only known as messages cross: the rule is checked on every link now,
  // and the messages hit are counted when the fault ends.
  evidence: (applied, _spec, world) => probeEvidence(applied, world),

  lift: liftRule,

  settle: (applied, spec, world) => {
    const s = settleBy(
      applied,
      spec.action,
      `no "${spec.messageType}" message was ${pastTense(spec.action)} while the fault lasted (no such message crossed, or no draw hit)`,
    );
    // Counters are per action; overlapping faults of the same action are told apart by the fabric.
    const own = world.fabric?.messagesHit(applied.occurrence) ?? 0;
    if (s.verified)
      s.detail = `${own} "${spec.messageType}" message${own === 1 ? '' : 's'} ${pastTense(spec.action)}; ${s.detail}`;
    return s;
  },
};

function pastTense(action: MessageFault['action']): string {
  return action === 'drop'
    ? 'dropped'
    : action === 'delay'
      ? 'delayed'
      : action === 'duplicate'
        ? 'duplicated'
        : 'corrupted';
}
