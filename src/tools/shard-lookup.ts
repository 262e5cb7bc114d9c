/**
 * `shard_lookup`: sharded question answering over the agent's data file.
 *
 * A task's content is a question from this agent's own shard (found by exact text). When the gold
 * answer occurs in the agent's own snippet for that question's group, the reply is that snippet
 * sentence. Otherwise the agent asks every live peer of its group in parallel with a `lookup`
 * message and relays the first hit; a peer without the evidence forwards while the TTL lasts.
 *
 * Relevance oracle: this stub has no retriever, so a lookup carries the gold answer as its key
 * and "relevant" means "the snippet contains the key". That keeps the tool deterministic and makes
 * the cost of the search (messages, hops, dead peers on the path) the only thing that varies.
 */
import type { AgentMessage, AgentReply } from '../protocols/types.js';
import type { ToolSpec } from '../scenario/types.js';
import { findInGroup, findSnippet } from './shard-data.js';
import type { AgentPeer, Tool, ToolContext } from './types.js';

/** The JSON content of a `lookup` message. */
export interface LookupQuery {
  /** The question (for logs; matching uses the key). */
  q: string;
  /** Group id of the question. */
  g: number;
  /** The gold answer: the relevance oracle. */
  key: string;
  /** Query id, shared by every hop of one search, for deduplication. */
  qid: string;
  /** Agents already asked (or asking): never asked again. */
  asked: string[];
}

/** How many query ids a peer remembers for deduplication. */
const SEEN_LIMIT = 10_000;

/** Ask `targets` in parallel; resolve with the first ok reply's content, else reject. */
async function firstHit(
  ctx: ToolContext,
  from: AgentMessage,
  query: LookupQuery,
  targets: AgentPeer[],
  ttl: number,
): Promise<string> {
  if (targets.length === 0) throw new Error('not found');
  const content = JSON.stringify(query);
  const attempts = targets.map(async (peer) => {
    const msg: AgentMessage = {
      id: ctx.newId(),
      task_id: from.task_id,
      step: from.step,
      from: ctx.id,
      type: 'lookup',
      content,
      ttl,
    };
    const reply = await ctx.sendToPeer(peer, msg);
    if (!reply.ok) throw new Error(reply.error ?? 'no hit');
    return reply.content ?? '';
  });
  try {
    return await Promise.any(attempts);
  } catch {
    throw new Error('not found');
  }
}

/** Build a shard_lookup tool. */
export function createShardLookupTool(spec: ToolSpec): Tool {
  const ttl = spec.ttl ?? 4;
  const seen = new Set<string>();
  const remember = (qid: string): void => {
    seen.add(qid);
    if (seen.size > SEEN_LIMIT) seen.delete(seen.values().next().value as string);
  };

  return {
    async run(msg, ctx) {
      if (!ctx.data) throw new Error('shard_lookup needs a data file');
      const record = ctx.data.byQuestion.get(msg.content.trim());
      if (!record) throw new Error('unknown question');
      const local = findSnippet(record.content, record.answer);
      if (local !== undefined) return local;
      if (ttl < 1) throw new Error('not found');
      const targets = ctx.detector.alive(ctx.group);
      const query: LookupQuery = {
        q: record.question,
        g: record.group_id,
        key: record.answer,
        qid: ctx.newId(),
        asked: [ctx.id, ...targets.map((p) => p.id)],
      };
      remember(query.qid);
      return firstHit(ctx, msg, query, targets, ttl - 1);
    },

    async onPeerMessage(msg, ctx): Promise<AgentReply> {
      let query: LookupQuery;
      try {
        query = JSON.parse(msg.content) as LookupQuery;
        if (typeof query.key !== 'string' || typeof query.qid !== 'string') throw new Error();
      } catch {
        return { ok: false, error: 'bad lookup' };
      }
      if (seen.has(query.qid)) return { ok: false, error: 'seen' };
      remember(query.qid);
      const hit = ctx.data ? findInGroup(ctx.data, Number(query.g), query.key) : undefined;
      if (hit !== undefined) return { ok: true, content: hit };
      if (msg.ttl <= 0) return { ok: false, error: 'not found' };
      const asked = new Set([...(query.asked ?? []), msg.from]);
      const targets = ctx.detector.alive(ctx.group).filter((p) => !asked.has(p.id));
      const next: LookupQuery = { ...query, asked: [...asked, ...targets.map((p) => p.id)] };
      try {
        return { ok: true, content: await firstHit(ctx, msg, next, targets, msg.ttl - 1) };
      } catch (err) {
        return { ok: false, error: (err as Error).message };
      }
    },
  };
}
