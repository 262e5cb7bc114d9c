/**
 * `llm`: one OpenAI-compatible chat completion per message.
 *
 * `model: stub` needs no network and is deterministic: a question from the agent's own shard is
 * answered with its own snippet sentence holding the gold answer (else "I don't know."); any other
 * text (a pipeline step's input) is passed through unchanged.
 * Otherwise: POST `{model, messages:[{role:'user', content}]}` to `<baseUrl>/chat/completions`
 * with `Authorization: Bearer $<apiKeyEnv>`; the reply is `choices[0].message.content`.
 * The key is read from the environment at call time and never appears in errors or logs.
 */
import http from 'node:http';
import { type HttpResult, requestJson } from '../protocols/http-client.js';
import type { ToolSpec } from '../scenario/types.js';
import { findSnippet, type ShardData } from './shard-data.js';
import type { Tool } from './types.js';

/** The deterministic stand-in model. */
export function stubAnswer(content: string, data: ShardData | undefined): string {
  const record = data?.byQuestion.get(content.trim());
  if (!record) return content;
  return findSnippet(record.content, record.answer) ?? "I don't know.";
}

/** A short, key-free reason from an error body (`error.code` / `error.type` only: bodies may echo keys). */
function reason(body: unknown): string {
  const e = (body as { error?: { code?: unknown; type?: unknown } } | null)?.error;
  const r = typeof e?.code === 'string' ? e.code : typeof e?.type === 'string' ? e.type : '';
  return /^[\w.-]{1,64}$/.test(r) ? `: ${r}` : '';
}

/** Build an llm tool. */
export function createLlmTool(spec: ToolSpec): Tool {
  const model = spec.model ?? 'stub';
  if (model === 'stub') return { run: async (msg, ctx) => stubAnswer(msg.content, ctx.data) };
  if (!spec.baseUrl) throw new Error(`llm tool "${spec.name}": base_url is required unless model is stub`);
  const url = `${spec.baseUrl.replace(/\/+$/, '')}/chat/completions`;
  let agent: http.Agent | undefined;
  return {
    async run(msg, ctx) {
      agent ??= url.startsWith('https:')
        ? new (await import('node:https')).default.Agent({ keepAlive: true })
        : new http.Agent({ keepAlive: true });
      const headers: Record<string, string> = {};
      const key = spec.apiKeyEnv ? process.env[spec.apiKeyEnv] : undefined;
      if (key) headers.authorization = `Bearer ${key}`;
      const body = { model, messages: [{ role: 'user', content: msg.content }] };
      let res: HttpResult;
      try {
        res = await requestJson(agent, url, { method: 'POST', body, headers, timeoutMs: ctx.sendTimeoutMs });
      } catch (err) {
        // Transport messages name the origin only; rebuild anyway so nothing from headers can leak.
        throw new Error(`llm request failed (${(err as { code?: string }).code ?? 'error'})`);
      }
      if (res.status !== 200) throw new Error(`llm HTTP ${res.status}${reason(res.body)}`);
      const text = (res.body as { choices?: { message?: { content?: unknown } }[] } | null)?.choices?.[0]?.message
        ?.content;
      if (typeof text !== 'string') throw new Error('llm reply has no choices[0].message.content');
      return text;
    },
  };
}
