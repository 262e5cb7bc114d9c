/**
 * The json protocol's server (SPEC §8): plain HTTP/1.1 on 127.0.0.1, `GET /health` and
 * `POST /message`. Keep-alive stays on so heartbeats and forwards reuse their connections.
 */
import http from 'node:http';
import { sendJson } from '../http-io.js';
import { closeHttp, listenHttp } from '../http-server.js';
import type { AgentMessage, AgentReply, MessageHandler, ProtocolServer, ServeOptions } from '../types.js';

/** Bodies above this are refused: no legitimate message comes near it. */
const MAX_BODY = 8 * 1024 * 1024;

/** Check the SPEC §8 body; returns the message or a reason it is not one. */
export function parseMessage(text: string): AgentMessage | string {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    return 'body is not JSON';
  }
  const m = v as Partial<AgentMessage> | null;
  if (!m || typeof m !== 'object') return 'body must be a JSON object';
  if (typeof m.content !== 'string') return '"content" must be a string';
  return {
    id: typeof m.id === 'string' ? m.id : '',
    task_id: typeof m.task_id === 'string' ? m.task_id : '',
    step: typeof m.step === 'number' ? m.step : 0,
    from: typeof m.from === 'string' ? m.from : 'client',
    type: typeof m.type === 'string' ? m.type : '',
    content: m.content,
    ttl: typeof m.ttl === 'number' ? m.ttl : 0,
  };
}

/** Run the agent's handler; a throw becomes an error reply, so the sender always gets an answer. */
export async function callHandler(handler: MessageHandler, msg: AgentMessage): Promise<AgentReply> {
  try {
    return await handler(msg);
  } catch (err) {
    return { ok: false, error: (err as Error).message ?? String(err) };
  }
}

/** The SPEC §8 reply body: `{ok: true, content}` or `{ok: false, error}`, never both. */
export function replyBody(reply: AgentReply): { ok: true; content: string } | { ok: false; error: string } {
  return reply.ok ? { ok: true, content: reply.content ?? '' } : { ok: false, error: reply.error ?? 'error' };
}

function readBody(req: http.IncomingMessage): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY) chunks.push(chunk);
    });
    req.on('end', () =>
      resolve(
        size > MAX_BODY
          ? undefined
          : chunks.length === 1
            ? chunks[0].toString('utf8')
            : Buffer.concat(chunks).toString('utf8'),
      ),
    );
    req.on('error', reject);
  });
}

async function handleMessage(req: http.IncomingMessage, res: http.ServerResponse, opts: ServeOptions): Promise<void> {
  const text = await readBody(req);
  if (text === undefined) return sendJson(res, 413, { ok: false, error: 'body too large' });
  const msg = parseMessage(text);
  if (typeof msg === 'string') return sendJson(res, 400, { ok: false, error: msg });
  sendJson(res, 200, replyBody(await callHandler(opts.handler, msg)));
}

/** Start a json-protocol server; resolves once it listens. */
export async function serveJson(opts: ServeOptions): Promise<ProtocolServer> {
  const server = http.createServer({ keepAlive: true }, (req, res) => {
    if (req.method === 'GET' && req.url === '/health') return sendJson(res, 200, { ok: true, id: opts.id });
    if (req.method === 'POST' && req.url === '/message') {
      handleMessage(req, res, opts).catch((err) => {
        if (!res.headersSent) sendJson(res, 500, { ok: false, error: String(err) });
      });
      return;
    }
    sendJson(res, 404, { ok: false, error: `no route ${req.method} ${req.url}` });
  });
  const port = await listenHttp(server, opts.port, opts.host, opts.meter);
  return { url: `http://${opts.host}:${port}`, port, close: () => closeHttp(server) };
}
