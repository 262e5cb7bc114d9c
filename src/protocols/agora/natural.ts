/**
 * storm's own natural-language sentence, made deterministic. When a receiver answers `Unsupported
 * protocol`, storm's sender renders the message as an English sentence; the receiver reads it back
 * with a tolerant rule-based parser (regular expressions over the sentence, case- and
 * spacing-insensitive, string fields quoted or bare). Free text from other senders is read by
 * understand.ts. No language model is involved: the fallback's cost in storm is its extra bytes and
 * round trip, which are real.
 */
import type { AgentMessage, AgentReply } from '../types.js';

const q = (s: string): string => JSON.stringify(s);

/** The message as a natural-language request; the content goes last, verbatim. */
export function renderMessage(m: AgentMessage): string {
  return (
    `Hello, this is ${q(m.from)}. Please handle message ${q(m.id)} of task ${q(m.task_id)}: ` +
    `a ${q(m.type)} at step ${m.step} that may be forwarded ${m.ttl} more times.\nContent:\n${m.content}`
  );
}

// A quoted JSON string or a bare token.
const VALUE = String.raw`("(?:[^"\\]|\\.)*"|[^\s"]+)`;

function field(text: string, before: string): string | undefined {
  const m = new RegExp(`${before}\\s+${VALUE}`, 'i').exec(text);
  if (!m) return undefined;
  if (m[1].startsWith('"')) {
    try {
      return JSON.parse(m[1]) as string;
    } catch {
      return undefined;
    }
  }
  return m[1].replace(/[.,;:]+$/, '');
}

function int(text: string, re: RegExp): number | undefined {
  const m = re.exec(text);
  return m ? Number(m[1]) : undefined;
}

/** Read a natural-language request back into a message, or say what is missing. */
export function parseMessage(text: string): AgentMessage | string {
  const marker = /^\s*content\s*:\s*$/im.exec(text);
  if (!marker) return 'no "Content:" line';
  const head = text.slice(0, marker.index);
  const content = text.slice(marker.index + marker[0].length).replace(/^\r?\n/, '');
  const id = field(head, 'message');
  const task = field(head, 'task');
  if (id === undefined || task === undefined) return 'no message id or task id';
  return {
    id,
    task_id: task,
    step: int(head, /\bstep\s+(-?\d+)/i) ?? 0,
    from: field(head, 'this is') ?? field(head, 'from') ?? 'unknown',
    type: field(head, '\\ban?') ?? field(head, 'type') ?? '',
    content,
    ttl: int(head, /forwarded\s+(-?\d+)\s+more/i) ?? int(head, /\bttl\s+(-?\d+)/i) ?? 0,
  };
}

/** The reply as a natural-language answer. */
export function renderReply(r: AgentReply): string {
  return r.ok ? `Done. Answer:\n${r.content ?? ''}` : `Sorry, I could not do it: ${r.error ?? 'error'}`;
}

/** The reply to free text from another sender: the answer itself, or an apology with the reason. */
export function renderPlainReply(r: AgentReply): string {
  return r.ok ? (r.content ?? '') : `Sorry, I could not do it: ${r.error ?? 'error'}`;
}

/** Read a natural-language answer back into a reply. */
export function parseReply(text: string): AgentReply {
  const sorry = /^\s*sorry\b[^:]*:\s?([\s\S]*)$/i.exec(text);
  if (sorry) return { ok: false, error: sorry[1] };
  const answer = /answer\s*:\s*\r?\n([\s\S]*)$/i.exec(text);
  return { ok: true, content: answer ? answer[1] : text.replace(/^\s*done\.?\s*/i, '') };
}
