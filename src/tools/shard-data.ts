/**
 * One agent's shard of a question set (data/hotpotqa/README.md): JSON lines
 * `{group_id, question, content, answer}`; `content` is snippets `Title: sentence` joined by ` | `.
 */
import { readFileSync } from 'node:fs';

/** One line of a shard file. */
export interface ShardRecord {
  group_id: number;
  question: string;
  content: string;
  answer: string;
}

/** A loaded shard, indexed for the lookups the tools make. */
export interface ShardData {
  file: string;
  records: ShardRecord[];
  /** Keyed by the trimmed question text. */
  byQuestion: Map<string, ShardRecord>;
  byGroup: Map<number, ShardRecord[]>;
}

/** Parse shard text; `file` only names the source in errors. */
export function parseShard(text: string, file: string): ShardData {
  const records: ShardRecord[] = [];
  text.split('\n').forEach((line, i) => {
    if (line.trim() === '') return;
    let r: Partial<ShardRecord>;
    try {
      r = JSON.parse(line);
    } catch {
      throw new Error(`${file}:${i + 1}: not a JSON line`);
    }
    if (typeof r.question !== 'string' || typeof r.content !== 'string' || typeof r.answer !== 'string') {
      throw new Error(`${file}:${i + 1}: expected {group_id, question, content, answer}`);
    }
    records.push({ group_id: Number(r.group_id ?? 0), question: r.question, content: r.content, answer: r.answer });
  });
  const byQuestion = new Map<string, ShardRecord>();
  const byGroup = new Map<number, ShardRecord[]>();
  for (const r of records) {
    // Keyed trimmed: some source questions carry trailing spaces that a transport may not keep.
    const key = r.question.trim();
    if (!byQuestion.has(key)) byQuestion.set(key, r);
    const g = byGroup.get(r.group_id) ?? [];
    g.push(r);
    byGroup.set(r.group_id, g);
  }
  return { file, records, byQuestion, byGroup };
}

/** Read and parse a shard file. */
export function loadShard(file: string): ShardData {
  return parseShard(readFileSync(file, 'utf8'), file);
}

/** The `Title: sentence` snippet of `content` that contains `key` (case-insensitive), if any. */
export function findSnippet(content: string, key: string): string | undefined {
  const k = key.toLowerCase();
  if (k === '' || !content.toLowerCase().includes(k)) return undefined;
  // The key may straddle a separator; then the whole content is the evidence.
  return content.split(' | ').find((s) => s.toLowerCase().includes(k)) ?? content;
}

/** A snippet of this shard's group `g` that contains `key`, if any. */
export function findInGroup(data: ShardData, g: number, key: string): string | undefined {
  for (const r of data.byGroup.get(g) ?? []) {
    const hit = findSnippet(r.content, key);
    if (hit !== undefined) return hit;
  }
  return undefined;
}
