/** Test-side HTTP for the ACP tests: one request, its status, headers and JSON body or parsed SSE events. */

export interface Answer {
  status: number;
  contentType: string;
  runId: string | null;
  text: string;
  /** The JSON body (undefined for an event stream). */
  json?: any;
  /** The events of a `text/event-stream` answer, from its `data:` lines. */
  events?: any[];
}

/** Split an SSE body into its events' `data` JSON, strictly in the examples' framing. */
export function parseSse(text: string): any[] {
  if (text === '') return [];
  if (!text.endsWith('\n\n'))
    throw new Error(`event stream does not end with a blank line: ${JSON.stringify(text.slice(-40))}`);
  return text
    .slice(0, -2)
    .split('\n\n')
    .map((frame) => {
      if (!frame.startsWith('data: ') || frame.includes('\n'))
        throw new Error(`not a single data: line: ${JSON.stringify(frame)}`);
      return JSON.parse(frame.slice('data: '.length));
    });
}

/** Send one request to `base + path`; an object body is sent as JSON, a string as is. */
export async function call(
  base: string,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<Answer> {
  const init: RequestInit = { method, headers: { ...headers } };
  if (body !== undefined) {
    init.body = typeof body === 'string' ? body : JSON.stringify(body);
    (init.headers as Record<string, string>)['content-type'] = 'application/json';
  }
  const res = await fetch(base + path, init);
  const text = await res.text();
  const contentType = res.headers.get('content-type') ?? '';
  const answer: Answer = { status: res.status, contentType, runId: res.headers.get('run-id'), text };
  if (contentType.startsWith('text/event-stream')) answer.events = parseSse(text);
  else answer.json = JSON.parse(text);
  return answer;
}

/** A one-message ACP input with a text part, plus any extra parts. */
export function input(text: string, ...extra: Record<string, unknown>[]): unknown[] {
  return [{ role: 'user', parts: [{ content_type: 'text/plain', content: text }, ...extra] }];
}
