/**
 * Shard-QA questions for the driver. Each agent of a shard_lookup group holds one shard; a task is
 * one of the chosen agent's own questions, asked of that agent. Questions whose gold answer appears
 * in no snippet of their group (yes/no questions, mostly) cannot be answered by lookup and are left
 * out, so a healthy system can reach a 100% success rate.
 */
import { seededRandom, shuffled } from '../util/random.js';
import { loadShard, type ShardRecord } from '../tools/shard-data.js';

export type { ShardRecord } from '../tools/shard-data.js';

/**
 * Parse a JSON-lines shard file with the agent's own parser, so the driver asks exactly the records
 * the agent holds. `question` is kept untrimmed: the agent trims what it receives before its lookup.
 */
export function readShard(file: string): ShardRecord[] {
  return loadShard(file).records;
}

/** Per agent, its answerable questions in a seeded order; `next(agent)` cycles through them. */
export class QuestionBook {
  private readonly queues = new Map<string, ShardRecord[]>();
  private readonly cursor = new Map<string, number>();

  constructor(shards: Map<string, ShardRecord[]>, seed: number) {
    const snippets = new Map<number, string>(); // group_id → every snippet of that group, lowercased
    for (const records of shards.values()) {
      for (const r of records)
        snippets.set(r.group_id, `${snippets.get(r.group_id) ?? ''}\n${r.content.toLowerCase()}`);
    }
    const random = seededRandom(seed);
    for (const [agent, records] of shards) {
      const answerable = records.filter((r) => snippets.get(r.group_id)?.includes(r.answer.toLowerCase()));
      this.queues.set(agent, shuffled(answerable, random));
    }
  }

  /** The next question for `agent`, or undefined when it holds none. */
  next(agent: string): ShardRecord | undefined {
    const queue = this.queues.get(agent);
    if (!queue || queue.length === 0) return undefined;
    const i = this.cursor.get(agent) ?? 0;
    this.cursor.set(agent, i + 1);
    return queue[i % queue.length];
  }
}

/** Does the reply carry the gold answer? Case-insensitive containment, as the benchmark scored it. */
export function isCorrect(reply: string | undefined, answer: string): boolean {
  return (reply ?? '').toLowerCase().includes(answer.toLowerCase());
}
