/** Message handling with scripted peers: tool runs, pipeline forwarding, fallback, internal types. */
import { describe, expect, it } from 'vitest';
import type { AgentEvent, AgentPeer } from '../../../src/agent/contract.js';
import { createHandler } from '../../../src/agent/handler.js';
import { WARM_UP_TYPE } from '../../../src/agent/warm-up.js';
import { agentPrng } from '../../../src/util/prng.js';
import { transportError } from '../../../src/protocols/http-client.js';
import type { AgentMessage, AgentReply } from '../../../src/protocols/types.js';
import type { FlowStep } from '../../../src/scenario/types.js';
import type { Tool, ToolContext } from '../../../src/tools/types.js';

const flow: FlowStep[] = [
  { from: 'client', to: 'search', messageType: 'question' },
  { from: 'search', to: 'reason', messageType: 'evidence' },
  { from: 'reason', to: 'client', messageType: 'answer' },
];
const reasoners: AgentPeer[] = ['reason-0', 'reason-1', 'reason-2'].map((id) => ({
  id,
  url: `http://${id}`,
  group: 'reason',
}));
const upper: Tool = {
  run: async (m) => {
    if (m.content === 'explode') throw new Error('tool failed');
    return m.content.toUpperCase();
  },
};

function setup(
  group: string,
  behaviour: (peer: AgentPeer, m: AgentMessage) => Promise<AgentReply>,
  dead: string[] = [],
) {
  const sent: { peer: string; msg: AgentMessage }[] = [];
  const events: AgentEvent[] = [];
  let seq = 0;
  const ctx: ToolContext = {
    id: `${group}-0`,
    group,
    detector: {
      alive: (g) => reasoners.filter((p) => p.group === g && !dead.includes(p.id)),
      allAlive: () => reasoners.filter((p) => !dead.includes(p.id)),
      isAlive: (id) => !dead.includes(id),
    },
    sendToPeer: (peer, m) => {
      sent.push({ peer: peer.id, msg: m });
      return behaviour(peer, m);
    },
    prng: agentPrng(1, 'x'),
    workspace: '/tmp',
    sendTimeoutMs: 1000,
    newId: () => `id-${++seq}`,
  };
  const handler = createHandler({ flow, tool: upper, ctx, emit: (e) => events.push(e) });
  return { handler, sent, events };
}
const task = (content: string, step = 0): AgentMessage => ({
  id: 'm',
  task_id: 'T',
  step,
  from: 'client',
  type: 'question',
  content,
  ttl: 4,
});
const ok = async (peer: AgentPeer, m: AgentMessage): Promise<AgentReply> => ({
  ok: true,
  content: `${peer.id}:${m.content}`,
});

describe('createHandler', () => {
  it('runs the tool and forwards step+1 to the next group, round-robin', async () => {
    const { handler, sent, events } = setup('search', ok);
    expect(await handler(task('a'))).toEqual({ ok: true, content: 'reason-0:A' });
    expect(await handler(task('b'))).toEqual({ ok: true, content: 'reason-1:B' });
    expect(sent[0].msg).toEqual({
      id: 'id-1',
      task_id: 'T',
      step: 1,
      from: 'search-0',
      type: 'evidence',
      content: 'A',
      ttl: 4,
    });
    // each step 0 ran here; each forwarded step 1 is recorded here too, from the next agent's ok reply
    expect(events.map((e) => e.type === 'exec' && [e.task, e.step, e.executor ?? 'self'])).toEqual([
      ['T', 0, 'self'],
      ['T', 1, 'reason-0'],
      ['T', 0, 'self'],
      ['T', 1, 'reason-1'],
    ]);
  });

  it("answers a warm-up from itself or the driver without running the tool; anyone else's is a task", async () => {
    const { handler, sent, events } = setup('search', ok);
    const warm = (from: string): AgentMessage => ({ ...task('explode'), from, type: WARM_UP_TYPE });
    expect(await handler(warm('search-0'))).toEqual({ ok: true, content: '' });
    expect(await handler(warm('client'))).toEqual({ ok: true, content: '' });
    expect([sent, events]).toEqual([[], []]);
    // a peer cannot skip the work by naming its message a warm-up: the tool runs (and fails here)
    expect(await handler(warm('reason-1'))).toEqual({ ok: false, error: 'tool failed' });
    expect(events.map((e) => e.type)).toEqual(['exec']);
  });

  it('answers directly when the next step goes to the client', async () => {
    const { handler, sent } = setup('reason', ok);
    expect(await handler(task('evidence', 1))).toEqual({ ok: true, content: 'EVIDENCE' });
    expect(sent).toEqual([]);
  });

  it('moves to the next live member after a transport failure, but not after an error reply', async () => {
    const { handler, sent } = setup('search', async (peer, m) => {
      if (peer.id === 'reason-0') throw transportError('ECONNREFUSED', 'refused');
      if (peer.id === 'reason-2') return { ok: false, error: 'busy' };
      return ok(peer, m);
    });
    expect(await handler(task('a'))).toEqual({ ok: true, content: 'reason-1:A' });
    expect(sent.map((s) => s.peer)).toEqual(['reason-0', 'reason-1']);
    expect(await handler(task('b'))).toEqual({ ok: true, content: 'reason-1:B' });
    expect(await handler(task('c'))).toEqual({ ok: false, error: 'busy' });
    expect(sent.map((s) => s.peer)).toEqual(['reason-0', 'reason-1', 'reason-1', 'reason-2']);
  });

  it('reports no live member when every member is dead or fails', async () => {
    const none = setup('search', ok, ['reason-0', 'reason-1', 'reason-2']);
    expect(await none.handler(task('a'))).toEqual({ ok: false, error: 'no live reason member' });
    const failing = setup('search', async () => {
      throw transportError('ETIMEDOUT', 'slow');
    });
    expect(await failing.handler(task('a'))).toEqual({ ok: false, error: 'no live reason member' });
    expect(failing.sent).toHaveLength(3);
  });

  it('turns a tool error into an error reply without forwarding', async () => {
    const { handler, sent } = setup('search', ok);
    expect(await handler(task('explode'))).toEqual({ ok: false, error: 'tool failed' });
    expect(sent).toEqual([]);
  });

  it('refuses internal messages the tool does not handle, without an exec event', async () => {
    const { handler, events } = setup('search', ok);
    expect(await handler({ ...task('{}'), type: 'lookup' })).toEqual({
      ok: false,
      error: 'unsupported message type "lookup"',
    });
    expect(events).toEqual([]);
  });
});
