/** Name → protocol. Protocols are loaded lazily so one protocol's dependencies never slow another's start. */
import type { Protocol } from './types.js';
import type { ProtocolName } from '../scenario/types.js';

const loaders: Record<ProtocolName, () => Promise<Protocol>> = {
  json: async () => (await import('./json/index.js')).jsonProtocol,
  a2a: async () => (await import('./a2a/index.js')).a2aProtocol,
  acp: async () => (await import('./acp/index.js')).acpProtocol,
  anp: async () => (await import('./anp/index.js')).anpProtocol,
  agora: async () => (await import('./agora/index.js')).agoraProtocol,
};

/** Load one protocol implementation by name. */
export async function loadProtocol(name: ProtocolName): Promise<Protocol> {
  const load = loaders[name];
  if (!load) throw new Error(`unknown protocol "${name}"`);
  return load();
}
