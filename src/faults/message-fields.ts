/**
 * Which storm message an HTTP body carries, read from the outside without any protocol's codec. Every
 * protocol carries the same fields {id, task_id, step, type} somewhere in its JSON:
 *   json   the body itself;
 *   a2a    JSON-RPC `params.message.metadata.storm`;
 *   acp    `input[].parts[]` with content_type application/json, whose `content` is a JSON string;
 *   anp    the body itself (the signature rides in a header);
 *   agora  `body`, a JSON string — or, after a rejection, the natural-language rendering.
 * So the search is generic: the first object (depth-first, bounded depth) with a string `task_id` and
 * a string `type`, looking inside strings that hold JSON objects too.
 */

/** The storm fields of one message. */
export interface MessageFields {
  id: string;
  task: string;
  step: number;
  type: string;
}

const MAX_DEPTH = 8;
// Agora's natural-language fallback: `… message "<id>" of task "<task>": a "<type>" at step <n> …`
const NATURAL = /message ("(?:[^"\\]|\\.)*") of task ("(?:[^"\\]|\\.)*"): a ("(?:[^"\\]|\\.)*") at step (\d+)/;

/** The storm message in `body`, or undefined (not JSON, or no storm fields: a heartbeat, a card fetch). */
export function messageFields(body: Buffer): MessageFields | undefined {
  if (body.length === 0) return undefined;
  const text = body.toString('utf8');
  const value = parseJson(text);
  return value === undefined ? undefined : find(value, 0);
}

function parseJson(text: string): unknown {
  const s = text.trimStart();
  if (!s.startsWith('{') && !s.startsWith('[')) return undefined;
  try {
    return JSON.parse(s) as unknown;
  } catch {
    return undefined;
  }
}

function find(v: unknown, depth: number): MessageFields | undefined {
  if (depth > MAX_DEPTH) return undefined;
  if (typeof v === 'string') {
    const natural = NATURAL.exec(v);
    if (natural) return naturalFields(natural);
    const inner = parseJson(v);
    return inner === undefined ? undefined : find(inner, depth + 1);
  }
  if (v === null || typeof v !== 'object') return undefined;
  if (!Array.isArray(v)) {
    const o = v as Record<string, unknown>;
    if (typeof o.task_id === 'string' && typeof o.type === 'string') {
      return {
        id: typeof o.id === 'string' ? o.id : '',
        task: o.task_id,
        step: typeof o.step === 'number' ? o.step : 0,
        type: o.type,
      };
    }
  }
  for (const child of Object.values(v as object)) {
    const hit = find(child, depth + 1);
    if (hit) return hit;
  }
  return undefined;
}

function naturalFields(m: RegExpExecArray): MessageFields | undefined {
  try {
    return {
      id: JSON.parse(m[1]) as string,
      task: JSON.parse(m[2]) as string,
      type: JSON.parse(m[3]) as string,
      step: Number(m[4]),
    };
  } catch {
    return undefined;
  }
}
