/** A2A readiness: the agent card answers 200 with at least one interface (what discovery needs). */
import { AGENT_CARD_PATH, A2A_PROTOCOL_VERSION, A2A_VERSION_HEADER } from '@a2a-js/sdk';
import type { HttpResult } from '../http-client.js';
import { pollGet } from '../ready.js';

/** Poll the card every ~20 ms until it is servable or `timeoutMs` passes. */
export async function a2aReady(url: string, timeoutMs: number): Promise<boolean> {
  const cardUrl = `${url.replace(/\/+$/, '')}/${AGENT_CARD_PATH}`;
  const servable = (res: HttpResult): boolean => {
    const card = res.body as { supportedInterfaces?: unknown[] } | undefined;
    return res.status === 200 && Array.isArray(card?.supportedInterfaces) && card.supportedInterfaces.length > 0;
  };
  return pollGet(cardUrl, timeoutMs, servable, { [A2A_VERSION_HEADER]: A2A_PROTOCOL_VERSION });
}
