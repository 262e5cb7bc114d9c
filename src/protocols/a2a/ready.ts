/**
 * A2A readiness: the agent card answers 200 and names an endpoint storm can talk to — v1.0
 * `supportedInterfaces` or a v0.3 top-level `url` (what agents on @a2a-js/sdk 0.3 serve). A pinned
 * version must be on the card, and the card is requested as a client of that version would.
 */
import { AGENT_CARD_PATH, A2A_PROTOCOL_VERSION, A2A_VERSION_HEADER } from '@a2a-js/sdk';
import type { HttpResult } from '../http-client.js';
import { pollGet } from '../ready.js';
import { cardOffers, pinnedVersion } from './versions.js';

/** Poll the card every ~20 ms until it is servable or `timeoutMs` passes. */
export async function a2aReady(url: string, timeoutMs: number, protocolVersion?: string): Promise<boolean> {
  const version = pinnedVersion(protocolVersion);
  const cardUrl = `${url.replace(/\/+$/, '')}/${AGENT_CARD_PATH}`;
  const servable = (res: HttpResult): boolean => res.status === 200 && cardOffers(res.body, version);
  // A v0.3 client sends no A2A-Version header (a server speaking both answers with its v0.3 card).
  const headers = version === '0.3' ? undefined : { [A2A_VERSION_HEADER]: A2A_PROTOCOL_VERSION };
  return pollGet(cardUrl, timeoutMs, servable, headers);
}
