/** Raw A2A wire helpers for tests: JSON-RPC POSTs and SSE bodies, without any SDK in between. */

/** POST a JSON-RPC request; `version` is the A2A-Version header (none: a v0.3 client). */
export async function rpc(url: string, body: unknown, version?: string, accept?: string): Promise<Response> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (version) headers['a2a-version'] = version;
  if (accept) headers.accept = accept;
  return fetch(url, { method: 'POST', headers, body: JSON.stringify(body) });
}

/** The JSON of every `data:` event of a text/event-stream body. */
export function sseEvents(body: string): unknown[] {
  return body
    .split(/\n\n/)
    .map((block) =>
      block
        .split('\n')
        .filter((l) => l.startsWith('data:'))
        .map((l) => l.slice(5).trim())
        .join('\n'),
    )
    .filter((data) => data !== '')
    .map((data) => JSON.parse(data) as unknown);
}

/** A v0.3 user message with one text part (`kind` on message and part, lowercase role). */
export function v03Message(messageId: string, text: string): Record<string, unknown> {
  return { kind: 'message', role: 'user', messageId, parts: [{ kind: 'text', text }] };
}

/** A v1.0 user message with one text part (enum names, flat parts). */
export function v10Message(messageId: string, text: string): Record<string, unknown> {
  return { messageId, role: 'ROLE_USER', parts: [{ text }] };
}
