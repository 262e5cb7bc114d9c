/**
 * Readiness polling shared by the protocols: an agent is ready when one cheap GET says so. Poll every
 * ~20 ms (a fresh agent listens within tens of milliseconds) on one pooled socket, never past the deadline.
 */
import type http from 'node:http';
import { keepAliveAgent, requestJson, type HttpResult } from './http-client.js';

/** One readiness check; may reject while the agent is not listening yet. */
export type ReadyProbe = (agent: http.Agent, timeoutMs: number) => Promise<boolean>;

/** Run `probe` every ~20 ms until it resolves true (→ true) or `timeoutMs` passes (→ false). */
export async function pollReady(probe: ReadyProbe, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  const agent = keepAliveAgent(1);
  try {
    for (;;) {
      const left = deadline - Date.now();
      if (left <= 0) return false;
      try {
        if (await probe(agent, Math.min(left, 1000))) return true;
      } catch {
        // not listening yet
      }
      const wait = Math.min(20, deadline - Date.now());
      if (wait <= 0) return false;
      await new Promise((r) => setTimeout(r, wait));
    }
  } finally {
    agent.destroy();
  }
}

/** Poll `GET url` until `accept` likes the answer (default: status 200) or `timeoutMs` passes. */
export function pollGet(
  url: string | URL,
  timeoutMs: number,
  accept: (res: HttpResult) => boolean = (res) => res.status === 200,
  headers?: Record<string, string>,
): Promise<boolean> {
  return pollReady(
    async (agent, left) => accept(await requestJson(agent, url, { method: 'GET', headers, timeoutMs: left })),
    timeoutMs,
  );
}
