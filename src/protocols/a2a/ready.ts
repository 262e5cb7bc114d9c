/** A2A readiness: the agent card answers 200 with at least one interface (what discovery needs). */
import { AGENT_CARD_PATH, A2A_PROTOCOL_VERSION, A2A_VERSION_HEADER } from '@a2a-js/sdk';
import { keepAliveAgent, requestJson } from '../http-client.js';

/** Poll the card every ~20 ms until it is servable or `timeoutMs` passes. */
export async function a2aReady(url: string, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  const agent = keepAliveAgent(1);
  const cardUrl = `${url.replace(/\/+$/, '')}/${AGENT_CARD_PATH}`;
  try {
    for (;;) {
      const left = deadline - Date.now();
      if (left <= 0) return false;
      try {
        const res = await requestJson(agent, cardUrl, { method: 'GET', headers: { [A2A_VERSION_HEADER]: A2A_PROTOCOL_VERSION }, timeoutMs: Math.min(left, 1000) });
        const card = res.body as { supportedInterfaces?: unknown[] } | undefined;
        if (res.status === 200 && Array.isArray(card?.supportedInterfaces) && card.supportedInterfaces.length > 0) return true;
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
