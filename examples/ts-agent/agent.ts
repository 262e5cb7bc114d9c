/**
 * A storm agent in TypeScript, run with tsx (`node --import tsx ./agent.ts`: one process, so the pid
 * storm records and signals is the agent's own — an `npx tsx` wrapper would sit in between).
 * It speaks storm's `json` protocol (SPEC §8), watches its peers with its own failure detector,
 * reports what it saw to STORM_EVENTS_URL, and on SIGTERM finishes its work and saves its state
 * before it exits: storm gives it the grace period for that (docs/your-own-agents.md).
 */
import { writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { join } from 'node:path';

interface Peer { id: string; url: string }
type StormEvent =
  | { type: 'detect' | 'rejoin'; peer: string; t_wall_ms: number; evidence?: 'refused' | 'silence' }
  | { type: 'exec'; task_id: string; step: number; t_wall_ms: number };

const port = Number(process.env.STORM_PORT);
const id = process.env.STORM_AGENT_ID ?? 'me';
const workspace = process.env.STORM_WORKSPACE ?? '.';
const peers: Peer[] = JSON.parse(process.env.STORM_PEERS ?? '[]');
const eventsUrl = process.env.STORM_EVENTS_URL;
const HEARTBEAT_MS = 200;
const TIMEOUT_MS = 800;
let handled = 0;

/** Tell storm what happened; reporting must never break the agent. */
async function report(events: StormEvent[]): Promise<void> {
  if (!eventsUrl) return;
  try {
    const res = await fetch(eventsUrl, { method: 'POST', body: JSON.stringify(events), signal: AbortSignal.timeout(2000) });
    if (!res.ok) console.log(`events not accepted: ${res.status} ${await res.text()}`);
  } catch (err) {
    console.log(`events not sent: ${(err as Error).message}`);
  }
}

function reply(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

async function readBody(req: IncomingMessage): Promise<string> {
  let body = '';
  for await (const chunk of req) body += chunk;
  return body;
}

const server = createServer(async (req, res) => {
  if (req.method === 'GET' && req.url === '/health') return reply(res, 200, { ok: true, id });
  if (req.method !== 'POST' || req.url !== '/message') return reply(res, 404, { ok: false, error: 'not found' });
  const msg = JSON.parse((await readBody(req)) || '{}') as { task_id?: string; step?: number; content?: string };
  handled++;
  void report([{ type: 'exec', task_id: msg.task_id ?? '?', step: msg.step ?? 0, t_wall_ms: Date.now() }]);
  reply(res, 200, { ok: true, content: `${id} (ts) read: ${msg.content ?? ''}` });
});

/** Heartbeat every peer: refused or silent past TIMEOUT_MS = dead; an answer after that = rejoin. */
function watch(peer: Peer): void {
  let seen = false;
  let alive = true;
  let lastOk = Date.now();
  setInterval(async () => {
    try {
      await fetch(`${peer.url}/health`, { signal: AbortSignal.timeout(TIMEOUT_MS) }).then((r) => r.arrayBuffer());
      seen = true;
      lastOk = Date.now();
      if (!alive) {
        alive = true;
        void report([{ type: 'rejoin', peer: peer.id, t_wall_ms: Date.now() }]);
      }
    } catch (err) {
      const refused = ((err as { cause?: { code?: string } }).cause?.code ?? '') === 'ECONNREFUSED';
      if (seen && alive && (refused || Date.now() - lastOk > TIMEOUT_MS)) {
        alive = false;
        void report([{ type: 'detect', peer: peer.id, t_wall_ms: Date.now(), evidence: refused ? 'refused' : 'silence' }]);
      }
    }
  }, HEARTBEAT_MS).unref();
}

server.listen(port, '127.0.0.1', () => {
  console.log(`${id} listening on 127.0.0.1:${port}`);
  for (const p of peers) watch(p);
});

process.on('SIGTERM', () => {
  console.log(`SIGTERM ${id}`);
  // stop taking work, let the requests in progress finish, then save state
  server.close(() => {
    writeFileSync(join(workspace, 'state.json'), JSON.stringify({ id, handled }));
    console.log(`flushed ${id}: ${handled} messages`);
    process.exit(0);
  });
  server.closeIdleConnections();
});
