/** The agent card a storm agent publishes at /.well-known/agent-card.json (A2A v1.0 shape). */
import type { AgentCard } from '@a2a-js/sdk';
import { STORM_VERSION } from '../../version.js';

/** Where the JSON-RPC transport is mounted, relative to the agent's base URL. */
export const JSONRPC_PATH = '/a2a/jsonrpc';
/** Where the HTTP+JSON (REST) transport is mounted, relative to the agent's base URL. */
export const REST_PATH = '/a2a/rest';

/** Build the card once the real port is known: A2A interface URLs must be absolute. */
export function buildAgentCard(id: string, baseUrl: string): AgentCard {
  const iface = (path: string, protocolBinding: string) => ({ url: baseUrl + path, protocolBinding, tenant: '', protocolVersion: '1.0' });
  return {
    name: id,
    description: `storm built-in agent ${id}: one tool behind the A2A protocol`,
    // JSON-RPC first: it is the binding storm's own client uses, and clients take the first match.
    supportedInterfaces: [iface(JSONRPC_PATH, 'JSONRPC'), iface(REST_PATH, 'HTTP+JSON')],
    provider: undefined,
    version: STORM_VERSION,
    capabilities: { streaming: false, pushNotifications: false, extensions: [], extendedAgentCard: false },
    securitySchemes: {},
    securityRequirements: [],
    defaultInputModes: ['text/plain'],
    defaultOutputModes: ['text/plain'],
    skills: [
      {
        id: 'tool',
        name: 'tool',
        description: 'Runs the agent\'s single tool on the text of the message and replies with its answer.',
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
