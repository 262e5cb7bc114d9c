/** The json protocol (SPEC §8): plain HTTP/1.1 + JSON, also the contract for users' own agents. */
import type { Protocol } from '../types.js';
import { JsonPeerConnection, jsonReady } from './client.js';
import { serveJson } from './server.js';

/** Plain HTTP/1.1 + JSON: `POST /message`, `GET /health`. */
export const jsonProtocol: Protocol = {
  name: 'json',
  serve: (opts) => serveJson(opts),
  connect: (peer, opts) => new JsonPeerConnection(peer, opts),
  ready: (url, timeoutMs) => jsonReady(url, timeoutMs),
};
