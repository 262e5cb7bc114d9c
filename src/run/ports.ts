/** Free ports on 127.0.0.1, chosen by the kernel. */
import { createServer, type Server } from 'node:net';

/**
 * Reserve `n` distinct free ports. All are held open together so the kernel cannot hand the same
 * port out twice, then released for the agents to bind (SO_REUSEADDR lets them rebind at once).
 */
export async function freePorts(n: number): Promise<number[]> {
  const servers: Server[] = [];
  try {
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
  } finally {
    await Promise.all(servers.map((s) => new Promise<void>((resolve) => s.close(() => resolve()))));
  }
}
