/**
 * The ACP REST routes of one storm agent (its ACP name is its storm id), after the ACP OpenAPI
 * (i-am-bee/acp e8299f8): GET /ping, GET /agents, GET /agents/{name}, POST /runs (sync | async | stream),
 * GET /runs/{id}, POST /runs/{id} (resume), POST /runs/{id}/cancel, GET /runs/{id}/events,
 * GET /session/{id} (and /sessions/{id}, the reference server's path), GET /resources/… (session history).
 * Errors use ACP's shape `{code, message}`: 404 not_found, 422 invalid_input (400 for the reference
 * server's own 400s), 403 server_error for cancel/resume of a run in the wrong state, 500 server_error.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { checkCreate, checkResume, isRejection, type RunMode } from './checks.js';
import { hasSettled, RunStateError, type RunEngine } from './lifecycle.js';
import { sendError, sendJson, sseFrame, startStream } from './reply.js';
import type { RunRecord, RunStore } from './runs.js';
import type { SessionStore } from './sessions.js';

const MAX_BODY = 8 * 1024 * 1024;

/** What the routes need from their agent. */
export interface AcpContext {
  id: string;
  runs: RunStore;
  sessions: SessionStore;
  engine: RunEngine;
  /** The server's own base URL (session history links point here). */
  base: string;
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

class BodyTooLarge extends Error {}

async function readJson(req: IncomingMessage): Promise<{ value: unknown; bytes: number }> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY) throw new BodyTooLarge(`the body is larger than ${MAX_BODY} bytes`);
    chunks.push(chunk);
  }
  return { value: JSON.parse(Buffer.concat(chunks).toString('utf8')), bytes: size };
}

/** Read the JSON body, or answer the error and return undefined. */
async function bodyOf(
  req: IncomingMessage,
  res: ServerResponse,
): Promise<{ value: unknown; bytes: number } | undefined> {
  try {
    return await readJson(req);
  } catch (err) {
    if (err instanceof BodyTooLarge) sendError(res, 413, 'invalid_input', err.message);
    else sendError(res, 422, 'invalid_input', `the body is not JSON: ${(err as Error).message}`);
    return undefined;
  }
}

/** Answer a started or resumed run in its mode: the settled run (sync), the run now (async), or its events (stream). */
async function answerRun(
  res: ServerResponse,
  ctx: AcpContext,
  record: RunRecord,
  mode: RunMode,
  begin: () => void,
): Promise<void> {
  const headers = { 'Run-Id': record.run.run_id };
  if (mode === 'stream') {
    startStream(res, headers);
    const stop = ctx.engine.watch(record, (event) => {
      res.write(sseFrame(event));
      if ('run' in event && hasSettled(event.run)) {
        stop();
        res.end();
      }
    });
    res.once('close', stop);
    return begin();
  }
  if (mode === 'async') {
    // A new run is accepted as `created` (before it starts); a resumed one as it is after resuming.
    const accepted = record.run;
    begin();
    return sendJson(res, 202, accepted.status === 'created' ? accepted : record.run, headers);
  }
  begin();
  sendJson(res, 200, await ctx.engine.settled(record), headers);
}

async function createRun(req: IncomingMessage, res: ServerResponse, ctx: AcpContext): Promise<void> {
  const body = await bodyOf(req, res);
  if (!body) return;
  const request = checkCreate(body.value);
  if (isRejection(request)) return sendError(res, request.status, 'invalid_input', request.message);
  if (request.agentName !== ctx.id) return sendError(res, 404, 'not_found', `Agent ${request.agentName} not found`);
  const record = ctx.engine.create(request, randomUUID(), body.bytes);
  await answerRun(res, ctx, record, request.mode, () => ctx.engine.start(record));
}

async function resumeRun(req: IncomingMessage, res: ServerResponse, ctx: AcpContext, runId: string): Promise<void> {
  const body = await bodyOf(req, res);
  if (!body) return;
  const record = ctx.runs.get(runId);
  if (!record) return sendError(res, 404, 'not_found', `Run ${runId} not found`);
  const request = checkResume(body.value, runId);
  if (isRejection(request)) return sendError(res, request.status, 'invalid_input', request.message);
  // Refuse before answering: a stream must not start for a run that cannot resume.
  const problem = ctx.engine.resumeProblem(record, request.awaitResume);
  if (problem) return sendError(res, 403, 'server_error', problem, { data: null, headers: { 'Run-Id': runId } });
  await answerRun(res, ctx, record, request.mode, () => ctx.engine.resume(record, request.awaitResume));
}

function cancelRun(res: ServerResponse, ctx: AcpContext, runId: string): void {
  const record = ctx.runs.get(runId);
  if (!record) return sendError(res, 404, 'not_found', `Run ${runId} not found`);
  const headers = { 'Run-Id': runId };
  try {
    sendJson(res, 202, ctx.engine.cancel(record), headers);
  } catch (err) {
    if (!(err instanceof RunStateError)) throw err;
    sendError(res, 403, 'server_error', err.message, { data: null, headers });
  }
}

/** GET /resources/{run_id}-{in|out}-{index}: one stored message of a session's history. */
function resource(res: ServerResponse, ctx: AcpContext, name: string): void {
  const m = /^(.+)-(in|out)-(\d+)$/.exec(name);
  const record = m ? ctx.runs.get(m[1] ?? '') : undefined;
  const message = m && record ? (m[2] === 'in' ? record.input : record.run.output)[Number(m[3])] : undefined;
  if (!message) return sendError(res, 404, 'not_found', `Resource ${name} not found`);
  sendJson(res, 200, message);
}

function listAgents(res: ServerResponse, ctx: AcpContext, query: URLSearchParams): void {
  const int = (name: string, fallback: number, min: number, max: number): number | undefined => {
    const raw = query.get(name);
    const v = raw === null ? fallback : Number(raw);
    return Number.isInteger(v) && v >= min && v <= max ? v : undefined;
  };
  const limit = int('limit', 10, 1, 1000);
  const offset = int('offset', 0, 0, Number.MAX_SAFE_INTEGER);
  if (limit === undefined || offset === undefined)
    return sendError(res, 422, 'invalid_input', 'limit must be 1..1000 and offset ≥ 0 (integers)');
  sendJson(res, 200, { agents: [manifest(ctx.id)].slice(offset, offset + limit) });
}

function decode(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}

/** Route one request; unknown routes are ACP-shaped 404s, and nothing thrown escapes as a crash. */
export function routeAcp(req: IncomingMessage, res: ServerResponse, ctx: AcpContext): void {
  const [rawPath = '/', rawQuery = ''] = (req.url ?? '/').split('?', 2);
  const segments = rawPath.split('/').slice(1).map(decode);
  const method = req.method ?? 'GET';
  const onError = (err: unknown): void => {
    if (!res.headersSent) sendError(res, 500, 'server_error', String(err));
    else res.end();
  };
  try {
    if (segments.some((s) => s === undefined)) return sendError(res, 400, 'invalid_input', `malformed path ${rawPath}`);
    const [first, id, action, ...rest] = segments as string[];
    const route = `${method} /${first ?? ''}${id !== undefined ? '/{id}' : ''}${action !== undefined ? `/${action}` : ''}`;
    if (rest.length === 0 && id !== '') {
      switch (route) {
        case 'GET /ping':
          return sendJson(res, 200, {});
        case 'GET /agents':
          return listAgents(res, ctx, new URLSearchParams(rawQuery));
        case 'GET /agents/{id}':
          return id === ctx.id
            ? sendJson(res, 200, manifest(ctx.id))
            : sendError(res, 404, 'not_found', `Agent ${id} not found`);
        case 'POST /runs':
          return void createRun(req, res, ctx).catch(onError);
        case 'GET /runs/{id}': {
          const record = ctx.runs.get(id!);
          return record
            ? sendJson(res, 200, record.run, { 'Run-Id': id! })
            : sendError(res, 404, 'not_found', `Run ${id} not found`);
        }
        case 'POST /runs/{id}':
          return void resumeRun(req, res, ctx, id!).catch(onError);
        case 'POST /runs/{id}/cancel':
          return cancelRun(res, ctx, id!);
        case 'GET /runs/{id}/events': {
          const record = ctx.runs.get(id!);
          return record
            ? sendJson(res, 200, { events: record.events }, { 'Run-Id': id! })
            : sendError(res, 404, 'not_found', `Run ${id} not found`);
        }
        case 'GET /session/{id}':
        case 'GET /sessions/{id}': {
          const session = ctx.sessions.get(id!, ctx.runs, ctx.base);
          return session ? sendJson(res, 200, session) : sendError(res, 404, 'not_found', `Session ${id} not found`);
        }
        case 'GET /resources/{id}':
          return resource(res, ctx, id!);
      }
    }
    sendError(res, 404, 'not_found', `no route ${method} ${rawPath}`);
  } catch (err) {
    onError(err);
  }
}
