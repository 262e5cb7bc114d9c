/**
 * Ports for a cell's agents on 127.0.0.1, taken from below the kernel's ephemeral range.
 *
 * Why not let the kernel choose (listen on port 0)? The kernel hands out the same ephemeral range to
 * every outgoing connection. A port reserved for an agent stays unbound until that agent boots (tens
 * of seconds in a large cell), and meanwhile the agents already up connect to their peers, each
 * connection taking an ephemeral local port: sooner or later one takes a reserved port, and that agent
 * fails with EADDRINUSE (2 of 100 agents in a ring, measured). Below the ephemeral range no outgoing
 * connection is ever given a port, so a reserved port stays free unless another program binds it.
 */
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';

/** Lowest port handed out: clear of the well-known and most registered service ports. */
const LOWEST = 15_000;

/** The kernel's ephemeral port range [low, high]; Linux's default when it cannot be read. */
export function ephemeralRange(
  read: () => string = () => readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8'),
): [number, number] {
  try {
    const [low, high] = read().trim().split(/\s+/).map(Number);
    if (Number.isInteger(low) && Number.isInteger(high) && low > 0 && low <= high) return [low, high];
  } catch {
    // not Linux, or /proc not mounted
  }
  return [32_768, 60_999];
}

/**
 * Where the next search starts: a random place in the range at first (so two storm processes on one
 * machine rarely search the same ports), then just past the last port handed out, so no port is
 * given out twice by this process until the whole range has been used.
 */
let cursor: number | undefined;

/**
 * Reserve `n` distinct free ports. Each is proven free by binding it; all are held open together, then
 * released for the agents to bind (SO_REUSEADDR lets them rebind at once). Falls back to ports the
 * kernel picks when the range below the ephemeral one is too small (an unusual ip_local_port_range).
 */
export async function freePorts(n: number, range = ephemeralRange()): Promise<number[]> {
  const low = LOWEST;
  const high = range[0] - 1;
  const size = high - low + 1;
  const servers: Server[] = [];
  try {
    if (size < 4 * n) return await kernelPorts(n, servers);
    cursor ??= low + Math.floor(Math.random() * size);
    const ports: number[] = [];
    for (let tried = 0; ports.length < n && tried < size; tried++) {
      const port = low + ((cursor - low + tried) % size);
      const server = await tryListen(port);
      if (!server) continue;
      servers.push(server);
      ports.push(port);
    }
    if (ports.length < n) throw new Error(`only ${ports.length} of ${n} ports free in ${low}–${high}`);
    cursor = low + ((ports[ports.length - 1] - low + 1) % size);
    return ports;
  } finally {
    await Promise.all(servers.map((s) => new Promise<void>((resolve) => s.close(() => resolve()))));
  }
}

/** A server listening on 127.0.0.1:port, or undefined when the port is taken. */
function tryListen(port: number): Promise<Server | undefined> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(undefined));
    server.listen(port, '127.0.0.1', () => resolve(server));
  });
}

/** `n` ports the kernel picks (from the ephemeral range), held in `servers` until the caller closes them. */
async function kernelPorts(n: number, servers: Server[]): Promise<number[]> {
  const ports: number[] = [];
  for (let i = 0; i < n; i++) {
    const server = createServer();
    servers.push(server);
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    const addr = server.address();
    if (addr && typeof addr === 'object') ports.push(addr.port);
  }
  return ports;
}
