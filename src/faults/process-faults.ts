/**
 * Process faults: kill (SIGKILL/SIGTERM) or pause (SIGSTOP) victims, and verify the effect from the
 * kernel's side — the process exited, or /proc shows it stopped. A fault that cannot be verified is
 * recorded as such and makes the cell inconclusive; it is never assumed to have worked.
 */
import type { AgentProcess } from '../run/agent-process.js';
import type { Signal } from '../scenario/types.js';

/** How long a signal may take to show its effect before the fault counts as unverified. */
const VERIFY_TIMEOUT_MS = 3000;

export interface AppliedSignal {
  victims: string[];
  pids: number[];
  verified: boolean;
  detail?: string;
}

/** Send `signal` to each victim's process group and wait until the kernel shows the effect. */
export async function applySignal(victims: AgentProcess[], signal: Signal): Promise<AppliedSignal> {
  const pids = victims.map((v) => v.pid);
  const sent = victims.map((v) => v.signal(signal));
  const checks = await Promise.all(
    victims.map(async (v, i) => {
      if (!sent[i]) return `${v.id} (pid ${v.pid}) could not be signalled`;
      const ok = signal === 'SIGSTOP' ? await waitStopped(v) : await v.waitExit(VERIFY_TIMEOUT_MS);
      return ok ? null : `${v.id} (pid ${v.pid}) still ${signal === 'SIGSTOP' ? 'running' : 'alive'} ${VERIFY_TIMEOUT_MS} ms after ${signal}`;
    }),
  );
  const problems = checks.filter((c): c is string => c !== null);
  return {
    victims: victims.map((v) => v.id),
    pids,
    verified: victims.length > 0 && problems.length === 0,
    detail: victims.length === 0 ? 'no live agent to hit' : problems.join('; ') || undefined,
  };
}

/** Poll /proc until the process shows state T (stopped), bounded. */
async function waitStopped(v: AgentProcess): Promise<boolean> {
  const deadline = Date.now() + VERIFY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (v.isStopped()) return true;
    await new Promise((r) => setTimeout(r, 2));
  }
  return false;
}

/** Resume paused victims (SIGCONT to the group). */
export function resume(victims: AgentProcess[]): void {
  for (const v of victims) v.signal('SIGCONT');
}
