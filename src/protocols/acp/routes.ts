/**
 * The ACP REST routes of one storm agent (the agent's ACP name is its storm id):
 * GET /ping, GET /agents, GET /agents/{name}, POST /runs (sync | async), GET /runs/{id}.
 * Errors use ACP's shape `{code, message}` with 404 not_found, 422 invalid_input, 500 server_error.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AgentReply, MessageHandler } from '../types.js';
import { checkInput, fromAcpInput, type AcpError, type AcpMessage, type AcpRun } from './codec.js';
import type { RunStore } from './runs.js';

const MAX_BODY = 8 * 1024 * 1024;
const STATUS: Record<AcpError['code'], number> = { not_found: 404, invalid_input: 422, server_error: 500 };

/** What the routes need from their agent. */
export interface AcpContext {
  id: string;
  handler: MessageHandler;
  runs: RunStore;
}

function send(res: ServerResponse, status: number, value: unknown): void {
  const body = JSON.stringify(value);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
  res.end(body);
}

function fail(res: ServerResponse, code: AcpError['code'], message: string): void {
  send(res, STATUS[code], { code, message } satisfies AcpError);
}

/** The agent's ACP manifest. */
export function manifest(id: string): Record<string, unknown> {
  return {
    name: id,
    description: `storm built-in agent ${id}: one tool behind the ACP REST API`,
    input_content_types: ['text/plain', 'application/json'],
    output_content_types: ['text/plain'],
    metadata: { framework: 'storm', programming_language: 'TypeScript', natural_languages: ['en'], tags: ['storm'] },
  };
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY) throw new Error('body too large');
    chunks.push(chunk);
  }
  return JSON.parse(Buffer.concat(chunks).toString('utf8'));
}

async function execute(ctx: AcpContext, run: AcpRun, input: AcpMessage[]): Promise<AcpRun> {
  let reply: AgentReply;
  try {
    reply = await ctx.handler(fromAcpInput(input, run.run_id, run.session_id));
  } catch (err) {
    reply = { ok: false, error: err instanceof Error ? err.message : String(err) };
  }
  const now = new Date().toISOString();
  const done: AcpRun = reply.ok
    ? { ...run, status: 'completed', output: [{ role: `agent/${ctx.id}`, parts: [{ content_type: 'text/plain', content: reply.content ?? '' }], created_at: now, completed_at: now }] }
    : { ...run, status: 'failed', error: { code: 'server_error', message: reply.error ?? 'error' } };
  done.finished_at = now;
  ctx.runs.put(done);
  return done;
}

async function createRun(req: IncomingMessage, res: ServerResponse, ctx: AcpContext): Promise<void> {
  let body: { agent_name?: unknown; input?: unknown; mode?: unknown; session_id?: unknown };
  try {
    body = ((await readJson(req)) ?? {}) as typeof body;
  } catch (err) {
    return fail(res, 'invalid_input', `body is not JSON: ${(err as Error).message}`);
  }
  if (body.agent_name !== ctx.id) return fail(res, 'not_found', `Agent ${String(body.agent_name)} not found`);
  const bad = checkInput(body.input);
  if (bad) return fail(res, 'invalid_input', bad);
  const mode = body.mode ?? 'sync';
  if (mode !== 'sync' && mode !== 'async') return fail(res, 'invalid_input', `mode "${String(mode)}" is not supported (sync | async)`);
  const run: AcpRun = {
    run_id: randomUUID(),
    agent_name: ctx.id,
    session_id: typeof body.session_id === 'string' ? body.session_id : null,
    status: mode === 'sync' ? 'in-progress' : 'created',
    await_request: null,
    output: [],
    error: null,
    created_at: new Date().toISOString(),
    finished_at: null,
  };
  ctx.runs.put(run);
  const input = body.input as AcpMessage[];
  if (mode === 'async') {
    send(res, 202, run);
    void execute(ctx, { ...run, status: 'in-progress' }, input);
    return;
  }
  send(res, 200, await execute(ctx, run, input));
}

/** Route one request; unknown routes are ACP-shaped 404s. */
export function routeAcp(req: IncomingMessage, res: ServerResponse, ctx: AcpContext): void {
  const path = (req.url ?? '/').split('?')[0] ?? '/';
  const method = req.method ?? 'GET';
  if (method === 'GET' && path === '/ping') return send(res, 200, {});
  if (method === 'GET' && path === '/agents') return send(res, 200, { agents: [manifest(ctx.id)] });
  if (method === 'GET' && path.startsWith('/agents/')) {
    const name = decodeURIComponent(path.slice('/agents/'.length));
    return name === ctx.id ? send(res, 200, manifest(ctx.id)) : fail(res, 'not_found', `Agent ${name} not found`);
  }
  if (method === 'POST' && path === '/runs') {
    createRun(req, res, ctx).catch((err) => {
      if (!res.headersSent) fail(res, 'server_error', String(err));
    });
    return;
  }
  if (method === 'GET' && path.startsWith('/runs/')) {
    const id = decodeURIComponent(path.slice('/runs/'.length));
    const run = ctx.runs.get(id);
    return run ? send(res, 200, run) : fail(res, 'not_found', `Run ${id} not found`);
  }
  fail(res, 'not_found', `no route ${method} ${path}`);
}
