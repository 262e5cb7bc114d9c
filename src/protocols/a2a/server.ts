/**
 * The A2A server of a storm agent: an express 5 app with the SDK's own handlers — agent card,
 * JSON-RPC and HTTP+JSON/REST — over one DefaultRequestHandler. It speaks v1.0 and v0.3 at once
 * through the SDK's opt-in compatibility layer: the card route answers requests without
 * `A2A-Version: 1.0` with the v0.3 card (plus the v1.0 `supportedInterfaces`), and the JSON-RPC route
 * answers `message/send` / `message/stream` as well as `SendMessage` / `SendStreamingMessage`.
 * Tasks live in an in-memory store, so a restarted agent has forgotten every task it knew (as any
 * SDK agent without a database).
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { InMemoryTaskStore } from '@a2a-js/sdk/server';
import { agentCardHandler, jsonRpcHandler, restHandler, UserBuilder } from '@a2a-js/sdk/server/express';
import { AGENT_CARD_PATH, type AgentCard } from '@a2a-js/sdk';
import { meterServer } from '../http-meter.js';
import type { ProtocolServer, ServeOptions } from '../types.js';
import { buildAgentCard, JSONRPC_PATH, REST_PATH } from './card.js';
import { StormExecutor } from './executor.js';
import { StreamAwareRequestHandler } from './streaming.js';

/** Host headers that may become card URLs: host or IP, and a port. */
const SAFE_HOST = /^(?:[A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\]):\d{1,5}$/;

/** Start an A2A agent on 127.0.0.1; resolves once it listens and its card is mounted. */
export async function serveA2A(opts: ServeOptions): Promise<ProtocolServer> {
  const app = express();
  // Automatic ETags hash every JSON-RPC body for no benefit; the card handler sets its own ETag.
  app.set('etag', false);
  app.disable('x-powered-by');
  const server = createServer(app);
  meterServer(server, opts.meter);
  // Longer than any heartbeat interval, so idle peers keep their sockets instead of reconnecting.
  server.keepAliveTimeout = 60_000;
  server.headersTimeout = 65_000;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const url = `http://127.0.0.1:${port}`;

  // The card needs the real port, so the routes are mounted after listen; until then every request
  // is a 404, which readiness (a card fetch) treats as not ready.
  const card = buildAgentCard(opts.id, url);
  // The executor asks the handler whether its request streams; the handler exists only after the
  // executor, hence the late-bound arrow.
  const requestHandler: StreamAwareRequestHandler = new StreamAwareRequestHandler(
    card,
    new InMemoryTaskStore(),
    new StormExecutor(opts.handler, (context) => requestHandler.isStreaming(context)),
  );
  const legacyCompat = { enabled: true };
  const userBuilder = UserBuilder.noAuthentication;
  // The card advertises the origin it was fetched from, so a client that reached this agent through a
  // proxy (storm's network faults) keeps talking through it instead of bypassing it via the card.
  const cards = new Map<string, AgentCard>([[url, card]]);
  const cardHost = new AsyncLocalStorage<string | undefined>();
  const cardFor = (host: string | undefined): AgentCard => {
    if (!host || !SAFE_HOST.test(host)) return card;
    const origin = `http://${host}`;
    const known = cards.get(origin);
    if (known || cards.size >= 16) return known ?? card;
    const fresh = buildAgentCard(opts.id, origin);
    cards.set(origin, fresh);
    return fresh;
  };
  app.use(
    `/${AGENT_CARD_PATH}`,
    (req, _res, next) => cardHost.run(req.headers.host, next),
    agentCardHandler({ agentCardProvider: async () => cardFor(cardHost.getStore()), legacyCompat }),
  );
  app.use(JSONRPC_PATH, jsonRpcHandler({ requestHandler, userBuilder, legacyCompat }));
  app.use(REST_PATH, restHandler({ requestHandler, userBuilder }));

  let closing: Promise<void> | undefined;
  return {
    url,
    port,
    close: () => {
      closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closing;
    },
  };
}
