/**
 * Card discovery for storm's A2A client. The SDK's resolver (with its v0.3 compatibility on) reads
 * v1.0 cards as they are and translates v0.3 cards, stamping their interfaces `protocolVersion:
 * 0.3`; the transport factories then pick the v1.0 or v0.3 wire per interface. When the scenario
 * pins the version a peer speaks, only that version's interfaces are kept, so storm speaks it even
 * to an agent that offers both — and a card without it fails discovery with a clear reason.
 */
import type { AgentCard } from '@a2a-js/sdk';
import { DefaultAgentCardResolver, type AgentCardResolver } from '@a2a-js/sdk/client';
import { sameVersion, type A2AVersion } from './versions.js';

/** Keep only the interfaces of `version`; throws when the card offers none. */
export function pinCardVersion(card: AgentCard, version: A2AVersion): AgentCard {
  const supportedInterfaces = card.supportedInterfaces.filter((i) => sameVersion(i.protocolVersion, version));
  if (supportedInterfaces.length === 0) {
    const offered = [...new Set(card.supportedInterfaces.map((i) => i.protocolVersion || '?'))].join(', ') || 'none';
    throw new Error(`agent card of "${card.name}" offers no A2A ${version} interface (offers: ${offered})`);
  }
  return { ...card, supportedInterfaces };
}

/** The SDK's resolver with v0.3 compatibility, optionally pinned to one A2A version. */
export function cardResolver(fetchImpl: typeof fetch, version: A2AVersion | undefined): AgentCardResolver {
  const sdk = new DefaultAgentCardResolver({ fetchImpl, legacyCompat: { enabled: true } });
  if (!version) return sdk;
  return {
    resolve: async (baseUrl, path) => pinCardVersion(await sdk.resolve(baseUrl, path), version),
    normalizeAgentCard: (raw) => pinCardVersion(sdk.normalizeAgentCard(raw), version),
  };
}
