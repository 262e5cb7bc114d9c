/**
 * The built-in agent, wired: the configured protocol's server on 127.0.0.1, a connection pool to
 * the peers, the failure detector, the one tool, and the event outbox. Used by the agent process
 * (main.ts, under the runner) and by `storm agent` (standalone, in-process).
 */
import type { AgentConfig } from './contract.js';
import { FailureDetector } from './detector.js';
import { EventOutbox, now, type EventSink } from './events.js';
import { createHandler } from './handler.js';
import { LoopDelaySampler } from './loop-delay.js';
import { PeerPool } from './peers.js';
import { warmUp } from './warm-up.js';
import { agentPrng } from '../util/prng.js';
import { loadProtocol } from '../protocols/registry.js';
import { loadTool, usesData } from '../tools/index.js';
import type { ToolContext } from '../tools/types.js';

/** A running agent. */
export interface RunningAgent {
  url: string;
  port: number;
  /** When the server began to listen (monotonic ms, like events' `at`), before the warm-up. */
  listenedAt: number;
  /** The workload started: loop-delay windows begin afresh (see contract.ts `workload_start`). */
  workloadStarted(): void;
  /** Close the server, stop heartbeats, flush the last events. Idempotent. */
  stop(): Promise<void>;
}

/**
 * Until the workload starts (`workloadStarted`, the runner's `workload_start`) the failure detector
 * pings a peer that has answered only this often (detector.ts `keepWarm`), so idle agents leave the
 * CPU to those still booting.
 */
const WARM_PING_MS = 30_000;

export interface StartOptions {
  /**
   * The runner will say when the workload starts (IPC): until then the detector only keeps warm and
   * the loop delay is not sampled. Without it (standalone) the agent watches its peers at once.
   */
  awaitWorkload?: boolean;
}

/** Start an agent from its configuration; resolves once its server listens. */
export async function startAgent(
  config: AgentConfig,
  sink: EventSink,
  { awaitWorkload = false }: StartOptions = {},
): Promise<RunningAgent> {
  const outbox = new EventOutbox(sink);
  const emit = outbox.emit.bind(outbox);
  const [protocol, tool, data] = await Promise.all([
    loadProtocol(config.protocol),
    loadTool(config.tool),
    config.dataFile && usesData(config.tool)
      ? import('../tools/shard-data.js').then((m) => m.loadShard(config.dataFile as string))
      : undefined,
  ]);

  // Connections are opened lazily (first ping comes after listen), so a port-0 URL is fixed in time.
  const self = { self: config.id, selfUrl: `http://127.0.0.1:${config.port}`, workspace: config.workspace };
  const pool = new PeerPool(protocol, self, config.sendTimeoutMs);
  const detector = new FailureDetector({
    peers: config.peers,
    intervalMs: config.heartbeat.intervalMs,
    timeoutMs: config.heartbeat.timeoutMs,
    ping: (peer, timeoutMs) => pool.ping(peer, timeoutMs),
    emit,
    onDead: (peer) => pool.peerDied(peer),
  });
  pool.attach(detector);

  let seq = 0;
  const ctx: ToolContext = {
    id: config.id,
    group: config.group,
    detector,
    sendToPeer: (peer, msg) => pool.send(peer, msg),
    prng: agentPrng(config.seed, config.id),
    data,
    workspace: config.workspace,
    baseDir: config.baseDir,
    sendTimeoutMs: config.sendTimeoutMs,
    // The pid keeps ids unique across restarts of the same agent id.
    newId: () => `${config.id}.${process.pid}.${++seq}`,
  };
  const handler = createHandler({ flow: config.flow, tool, ctx, emit });

  const server = await protocol.serve({
    id: config.id,
    host: '127.0.0.1',
    port: config.port,
    workspace: config.workspace,
    handler,
    meter: outbox,
  });
  self.selfUrl = server.url;
  const listenedAt = now();
  await warmUp(protocol, server, self, config.sendTimeoutMs);
  // the warm-up's bytes are storm's own, not the system's: they are not reported
  outbox.discardWire();
  outbox.start();
  if (awaitWorkload) detector.keepWarm(WARM_PING_MS);
  else detector.start();
  // Sampling begins with the workload (contract.ts `workload_start`), never during start-up.
  const loopDelay =
    config.loopDelay === false
      ? undefined
      : new LoopDelaySampler((s) => emit({ type: 'loop_delay', pid: process.pid, ...s }));

  let stopping: Promise<void> | undefined;
  return {
    url: server.url,
    port: server.port,
    listenedAt,
    workloadStarted: () => {
      loopDelay?.restart();
      detector.start(firstTickOffset(config.id, config.heartbeat.intervalMs));
    },
    stop: () =>
      (stopping ??= (async () => {
        loopDelay?.stop();
        detector.stop();
        pool.close();
        await server.close();
        await outbox.stop();
      })()),
  };
}

/**
 * Where in the first heartbeat interval an agent's first tick falls, the same for an id every run
 * (FNV-1a of the id): spread over the interval, so a workload start does not make every agent of a
 * large cell ping at once.
 */
export function firstTickOffset(id: string, intervalMs: number): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 0x01000193) >>> 0;
  return h % Math.max(1, Math.floor(intervalMs));
}
