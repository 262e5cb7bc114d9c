/**
 * The agent card a storm agent publishes at /.well-known/agent-card.json, in the v1.0 shape. The
 * SDK's legacy card router derives the v0.3 card (top-level `url`, `protocolVersion`) from the v0.3
 * interface listed here and serves it to requests without `A2A-Version: 1.0`.
 */
import type { AgentCard } from '@a2a-js/sdk';
import { STORM_VERSION } from '../../version.js';
import type { A2AVersion } from './versions.js';

/** Where the JSON-RPC transport is mounted, relative to the agent's base URL. */
export const JSONRPC_PATH = '/a2a/jsonrpc';
/** Where the HTTP+JSON (REST) transport is mounted, relative to the agent's base URL. */
export const REST_PATH = '/a2a/rest';

/** Build the card once the real port is known: A2A interface URLs must be absolute. */
export function buildAgentCard(id: string, baseUrl: string): AgentCard {
  const iface = (path: string, protocolBinding: string, protocolVersion: A2AVersion) => ({
    url: baseUrl + path,
    protocolBinding,
    tenant: '',
    protocolVersion,
  });
  return {
    name: id,
    description: `storm built-in agent ${id}: one tool behind the A2A protocol`,
    // JSON-RPC first: it is the binding storm's own client uses, and clients take the first match.
    // The same JSON-RPC endpoint also speaks v0.3 (chosen per request by the A2A-Version header);
    // v0.3 is JSON-RPC only: the v0.3 REST binding would be a third set of routes nobody here uses.
    supportedInterfaces: [
      iface(JSONRPC_PATH, 'JSONRPC', '1.0'),
      iface(REST_PATH, 'HTTP+JSON', '1.0'),
      iface(JSONRPC_PATH, 'JSONRPC', '0.3'),
    ],
    provider: undefined,
    version: STORM_VERSION,
    capabilities: { streaming: true, pushNotifications: false, extensions: [], extendedAgentCard: false },
    securitySchemes: {},
    securityRequirements: [],
    defaultInputModes: ['text/plain'],
    defaultOutputModes: ['text/plain'],
    skills: [
      {
        id: 'tool',
        name: 'tool',
        description: "Runs the agent's single tool on the text of the message and replies with its answer.",
        tags: ['storm'],
        examples: [],
        inputModes: ['text/plain'],
        outputModes: ['text/plain'],
        securityRequirements: [],
      },
    ],
    signatures: [],
  };
}
