import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { ephemeralRange, freePorts } from '../../../src/run/ports.js';

describe('freePorts', () => {
  it('hands out distinct free ports below the ephemeral range, never the same twice in a row', async () => {
    const [ephemeralLow] = ephemeralRange();
    const first = await freePorts(50);
    const second = await freePorts(50);
    const all = [...first, ...second];
    expect(new Set(all).size).toBe(100);
    for (const port of all) {
      expect(port).toBeGreaterThanOrEqual(15_000);
      expect(port).toBeLessThan(ephemeralLow);
    }
    // each one can be bound by an agent right away
    for (const port of second) {
      const server = createServer();
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, '127.0.0.1', () => resolve());
      });
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('skips a port another program holds', async () => {
    const [next] = await freePorts(1);
    // the search continues just past the last port handed out: occupy the next one
    const holder = createServer();
    await new Promise<void>((resolve) => holder.listen(next + 1, '127.0.0.1', () => resolve()));
    try {
      const [port] = await freePorts(1);
      expect(port).not.toBe(next + 1);
      expect(port).toBe(next + 2);
    } finally {
      await new Promise((resolve) => holder.close(resolve));
    }
  });

  it('lets the kernel choose when the range below the ephemeral one is too small', async () => {
    const ports = await freePorts(3, [15_005, 60_999]);
    expect(new Set(ports).size).toBe(3);
    for (const port of ports) expect(port).toBeGreaterThan(0);
  });

  it('reads the range from the kernel, with Linux defaults when it cannot', () => {
    expect(ephemeralRange(() => '32768\t60999\n')).toEqual([32_768, 60_999]);
    expect(ephemeralRange(() => '20000 40000')).toEqual([20_000, 40_000]);
    expect(ephemeralRange(() => 'garbage')).toEqual([32_768, 60_999]);
    expect(
      ephemeralRange(() => {
        throw new Error('ENOENT');
      }),
    ).toEqual([32_768, 60_999]);
  });
});
