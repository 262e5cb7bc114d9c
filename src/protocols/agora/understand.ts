/**
 * Reading a natural-language request (`protocolHash` null) into a storm message. storm's own
 * fallback sentence (natural.ts) is read exactly, ids and all. Anything else is free text from some
 * other sender — the standard's examples are questions like "Hello! What is the weather tomorrow in
 * London?" — or an object body such as `{"text": "…"}`. From those the task is taken robustly:
 * greetings and thanks in front are dropped, a `Question:`/`Content:`/`Task:` line marks where the
 * task starts, labelled fields (`task_id: t-1`, `ttl = 2`) are honoured, and what is left is the
 * content; missing ids are generated. Input that holds no request gets a reason, never a guess.
 */
import type { AgentMessage } from '../types.js';
import { parseMessage as parseTemplate } from './natural.js';
import { messageFromBody, type AgoraBody } from './routines.js';

/** Longer natural-language requests are refused (the request body itself is bounded at 1 MiB). */
export const MAX_NATURAL_CHARS = 100_000;

/** A request read back: the message, and whether it used storm's own sentence (then so does the reply). */
export type Understood = { msg: AgentMessage; template: boolean } | string;

/** Object fields that may hold the request text, in order of preference. */
const TEXT_KEYS = ['text', 'message', 'content', 'query', 'question', 'prompt', 'input'];

// A quoted JSON string or a bare token.
const VALUE = String.raw`("(?:[^"\\\n]|\\.)*"|[^\s"]+)`;
const LABELS = {
  id: new RegExp(String.raw`\bmessage[ _-]?id\s*[:=]\s*${VALUE}`, 'i'),
  task_id: new RegExp(String.raw`\btask[ _-]?id\s*[:=]\s*${VALUE}`, 'i'),
  from: new RegExp(String.raw`\bfrom\s*[:=]\s*${VALUE}`, 'i'),
  type: new RegExp(String.raw`\b(?:message[ _-]?)?type\s*[:=]\s*${VALUE}`, 'i'),
};
const STEP = /\bstep\s*[:=]\s*(\d{1,6})\b/i;
const TTL = /\bttl\s*[:=]\s*(\d{1,6})\b/i;
/** Every labelled field on a line; a line with nothing else carries no task text. (A global replace
 *  rather than one anchored `(label: \S+)+$`, whose nested quantifiers invite backtracking.) */
const ANY_LABEL =
  /\b(?:message[ _-]?id|task[ _-]?id|from|(?:message[ _-]?)?type|step|ttl)\s*[:=]\s*(?:"(?:[^"\\\n]|\\.)*"|[^\s",;]+)/gi;
const TASK_MARKER = /^[ \t]*(?:content|question|query|request|task|prompt)[ \t]*:[ \t]*/im;
const GREETING =
  /^\s*(?:hello|hi|hey|greetings|good\s+(?:morning|afternoon|evening|day)|dear\s+[^,!.:\n]{1,40}|thanks|thank\s+you|many\s+thanks)(?:\s+(?:there|again|all|everyone|so\s+much|a\s+lot|very\s+much))?\s*[!.,:;–—-]+\s*/i;

/** Read a natural-language `body`; `newId` names messages whose text gives no id. */
export function understand(body: AgoraBody, newId: () => string): Understood {
  if (typeof body !== 'string') return fromObject(body, newId);
  const trimmed = body.trim();
  if (trimmed.startsWith('{') && trimmed.endsWith('}') && trimmed.length <= MAX_NATURAL_CHARS) {
    try {
      const v: unknown = JSON.parse(trimmed);
      if (v && typeof v === 'object' && !Array.isArray(v)) return fromObject(v as Record<string, unknown>, newId);
    } catch {
      // not JSON after all: read it as text
    }
  }
  return fromText(body, newId);
}

function fromObject(o: Record<string, unknown>, newId: () => string): Understood {
  // storm's structured message sent without its protocol hash: take it as it is.
  if (typeof o.content === 'string' && typeof o.id === 'string' && typeof o.task_id === 'string') {
    const msg = messageFromBody(o);
    return typeof msg === 'string' ? msg : { msg, template: false };
  }
  const key = TEXT_KEYS.find((k) => typeof o[k] === 'string');
  if (key === undefined) return `the body object has no text field (one of ${TEXT_KEYS.join(', ')})`;
  return fromText(o[key] as string, newId);
}

function fromText(text: string, newId: () => string): Understood {
  if (text.length > MAX_NATURAL_CHARS) return `the request is longer than ${MAX_NATURAL_CHARS} characters`;
  const templated = parseTemplate(text);
  if (typeof templated !== 'string') return { msg: templated, template: true };
  const content = taskText(text);
  if (content === '')
    return text.trim() === '' ? 'the request is empty' : 'the text holds no request (only a greeting or labels)';
  const id = label(text, LABELS.id) ?? newId();
  return {
    msg: {
      id,
      task_id: label(text, LABELS.task_id) ?? id,
      step: number(text, STEP) ?? 0,
      from: label(text, LABELS.from) ?? 'client',
      type: label(text, LABELS.type) ?? (content.includes('?') ? 'question' : 'request'),
      content,
      ttl: number(text, TTL) ?? 0,
    },
    template: false,
  };
}

/** The task itself: after a marker line if there is one, else the text without greetings and label lines. */
function taskText(text: string): string {
  const marker = TASK_MARKER.exec(text);
  if (marker) return text.slice(marker.index + marker[0].length).trim();
  let rest = text
    .split('\n')
    .filter((line) => !isLabelLine(line))
    .join('\n');
  // Greetings can be stacked ("Hi there! Thanks again, ..."); three is plenty.
  for (let i = 0; i < 3; i++) rest = rest.replace(GREETING, '');
  return rest.trim();
}

function isLabelLine(line: string): boolean {
  const left = line.replace(ANY_LABEL, '');
  return left.length < line.length && /^[\s,;]*$/.test(left);
}

function label(text: string, re: RegExp): string | undefined {
  const m = re.exec(text);
  if (!m) return undefined;
  if (!m[1].startsWith('"')) return m[1].replace(/[.,;:)]+$/, '');
  try {
    return JSON.parse(m[1]) as string;
  } catch {
    return undefined;
  }
}

function number(text: string, re: RegExp): number | undefined {
  const m = re.exec(text);
  return m ? Number(m[1]) : undefined;
}
