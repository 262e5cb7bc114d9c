#!/usr/bin/env node
// A one-protocol echo agent for the benchmarks when the real `storm agent` is not wanted: serves
// `--protocol <name>` on 127.0.0.1 (any free port), prints `ready <url>`, exits on SIGTERM or stdin end.
import { loadProtocol } from '../../dist/src/protocols/registry.js';

const arg = (name, d) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : d;
};
const protocol = await loadProtocol(arg('protocol', 'json'));
const server = await protocol.serve({
  id: arg('id', 'agent-0'),
  host: '127.0.0.1',
  port: Number(arg('port', '0')),
  workspace: process.cwd(),
  handler: async (msg) => ({ ok: true, content: msg.content }),
});
console.log(`ready ${server.url}`);
const stop = () => server.close().then(() => process.exit(0));
process.on('SIGTERM', stop);
process.stdin.on('end', stop);
process.stdin.resume();
