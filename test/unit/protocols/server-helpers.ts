/** Shared by the protocol tests: a byte counter and an echo agent served in-process, closed after each test. */
import { afterEach } from 'vitest';
import type {
  AgentMessage,
  MessageHandler,
  ProtocolServer,
  ServeOptions,
  WireMeter,
} from '../../../src/protocols/types.js';

const open: { close(): unknown }[] = [];
afterEach(async () => {
  for (const o of open.splice(0)) await o.close();
});

/** Close `thing` after the current test. */
export function closeAfterTest(thing: { close(): unknown }): void {
  open.push(thing);
}

/** A WireMeter that adds up what it is told. */
export function counter(): WireMeter & { bytes: number; messages: number } {
  const m = { bytes: 0, messages: 0, add: (b: number, n: number) => ((m.bytes += b), (m.messages += n)) };
  return m;
}

/** Serve an echo agent (content `boom` makes the tool throw) with `serve`, recording what it received. */
export async function echoAgent<S extends ProtocolServer>(
  serve: (opts: ServeOptions) => Promise<S>,
  id: string,
  meter?: WireMeter,
  port = 0,
): Promise<S & { received: AgentMessage[] }> {
  const received: AgentMessage[] = [];
  const handler: MessageHandler = async (msg) => {
    received.push(msg);
    if (msg.content === 'boom') throw new Error('tool failed');
    return { ok: true, content: `echo:${msg.content}` };
  };
  const server = await serve({ id, host: '127.0.0.1', port, workspace: '/tmp', meter, handler });
  open.push(server);
  return Object.assign(server, { received });
}

/** The test closes `thing` itself (e.g. to restart it): do not close it again afterwards. */
export function closedByTest(thing: { close(): unknown }): void {
  const i = open.indexOf(thing);
  if (i >= 0) open.splice(i, 1);
}
