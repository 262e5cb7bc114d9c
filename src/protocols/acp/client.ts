/**
 * The ACP side of a storm peer connection: `send` = POST /runs (mode sync) to the agent named like
 * the peer, `ping` = GET /ping. ACP has no discovery step on connect. Only when the peer does not
 * know that name (a user's ACP server names its agent itself) does the client list GET /agents once
 * and use the single agent it finds.
 */
import type http from 'node:http';
import { keepAliveAgent, requestJson, transportError, type HttpResult } from '../http-client.js';
import { pollGet } from '../ready.js';
import type { AgentMessage, AgentReply, PeerConnection, PeerInfo } from '../types.js';
import { textOf, toAcpInput, type AcpRun } from './codec.js';

function toReply(res: HttpResult, url: string): AgentReply {
  const run = res.body as Partial<AcpRun> | undefined;
  if (res.status !== 200 && res.status !== 201)
    throw transportError(`HTTP_${res.status}`, `HTTP ${res.status} from ${url}: ${res.text.slice(0, 200)}`, res.status);
  if (!run || typeof run !== 'object' || typeof run.status !== 'string')
    throw transportError('EBADREPLY', `POST ${url}: reply is not an ACP run`);
  if (run.status === 'completed') return { ok: true, content: textOf(Array.isArray(run.output) ? run.output : []) };
  if (run.status === 'failed' || run.status === 'cancelled')
    return { ok: false, error: run.error?.message ?? `run ${run.status}` };
  throw transportError('EBADREPLY', `POST ${url}: sync run came back "${run.status}"`);
}

function isUnknownAgent(res: HttpResult): boolean {
  return res.status === 404 && (res.body as { code?: unknown } | undefined)?.code === 'not_found';
}

/** A PeerConnection speaking ACP REST to `peer`. */
export class AcpPeerConnection implements PeerConnection {
  private readonly agent: http.Agent = keepAliveAgent();
  private readonly base: string;
  private agentName: string;

  constructor(private readonly peer: PeerInfo) {
    this.base = peer.url.replace(/\/+$/, '');
    this.agentName = peer.id;
  }

  /** One synchronous run; its output text is the reply, a failed run an error reply. */
  async send(msg: AgentMessage, timeoutMs: number): Promise<AgentReply> {
    const deadline = Date.now() + timeoutMs;
    const url = `${this.base}/runs`;
    const post = (name: string) =>
      requestJson(this.agent, url, {
        method: 'POST',
        body: { agent_name: name, input: toAcpInput(msg), mode: 'sync' },
        timeoutMs: Math.max(1, deadline - Date.now()),
      });
    let res = await post(this.agentName);
    if (isUnknownAgent(res)) {
      const name = await this.discoverName(Math.max(1, deadline - Date.now()));
      if (name && name !== this.agentName) {
        this.agentName = name;
        res = await post(name);
      }
    }
    return toReply(res, url);
  }

  private async discoverName(timeoutMs: number): Promise<string | undefined> {
    const res = await requestJson(this.agent, `${this.base}/agents`, { method: 'GET', timeoutMs });
    const agents = (res.body as { agents?: { name?: unknown }[] } | undefined)?.agents;
    if (res.status !== 200 || !Array.isArray(agents)) return undefined;
    const names = agents.map((a) => a?.name).filter((n): n is string => typeof n === 'string');
    return names.includes(this.peer.id) ? this.peer.id : names.length === 1 ? names[0] : undefined;
  }

  /** Heartbeat: GET /ping, ACP's own liveness route; true on 200. */
  async ping(timeoutMs: number): Promise<boolean> {
    const res = await requestJson(this.agent, `${this.base}/ping`, { method: 'GET', timeoutMs });
    return res.status === 200;
  }

  /** Drop pooled sockets. */
  close(): void {
    this.agent.destroy();
  }
}

/** ACP readiness: poll GET /ping every ~20 ms until it answers 200 or `timeoutMs` passes. */
export async function acpReady(url: string, timeoutMs: number): Promise<boolean> {
  return pollGet(`${url.replace(/\/+$/, '')}/ping`, timeoutMs);
}
