/**
 * Before an agent says it is ready it sends a few messages to itself over its own protocol, through
 * the same client and server code its peers and the driver will use. The first exchanges of a fresh
 * process compile and load that code (an a2a agent stalled 300–600 ms on its first tasks, every agent
 * at once); paying it before readiness keeps a cold start out of the measured workload — as a
 * production readiness probe would — and still inside start-up and restart times, where it belongs.
 */
import type { AgentMessage, Protocol, ProtocolServer } from '../protocols/types.js';

/** The message type of a warm-up exchange; the handler answers it without running the tool. */
export const WARM_UP_TYPE = 'storm.warm-up';

/** How many exchanges: the first loads the code, the next ones let the JIT see it run. */
const ROUNDS = 3;

/** Exchange ROUNDS warm-up messages and heartbeats with ourselves; failures are ignored (best effort). */
export async function warmUp(
  protocol: Protocol,
  server: ProtocolServer,
  self: { self: string; selfUrl: string; workspace: string },
  timeoutMs: number,
): Promise<void> {
  const conn = protocol.connect({ id: self.self, url: server.url }, self);
  try {
    for (let i = 0; i < ROUNDS; i++) {
      const msg: AgentMessage = {
        id: `${self.self}.warm-up.${i}`,
        task_id: `warm-up.${i}`,
        step: 0,
        from: self.self,
        type: WARM_UP_TYPE,
        content: 'warm-up',
        ttl: 0,
      };
      await Promise.allSettled([conn.send(msg, timeoutMs), conn.ping(timeoutMs)]);
    }
  } finally {
    conn.close();
  }
}
