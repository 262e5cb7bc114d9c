import { availableParallelism } from 'node:os';
import { describe, expect, it } from 'vitest';
import { MachineLoad } from '../../../src/session/machine-load.js';

describe('MachineLoad', () => {
  it('has no sample before a whole window has passed, then the idle share of all CPUs over it', async () => {
    let now = 0;
    const load = new MachineLoad(() => now, 2000, 5);
    try {
      expect(load.sample()).toBeNull();
      now = 1000;
      await new Promise((r) => setTimeout(r, 30));
      expect(load.sample()).toBeNull(); // only 1 s of history
      now = 2500;
      // Burn a little CPU so the counters move between ticks.
      const end = Date.now() + 40;
      while (Date.now() < end);
      await new Promise((r) => setTimeout(r, 30));
      const s = load.sample()!;
      expect(s).not.toBeNull();
      expect(s.cores).toBe(availableParallelism());
      expect(s.idle).toBeGreaterThanOrEqual(0);
      expect(s.idle).toBeLessThanOrEqual(1);
      expect(s.from).toBe(0);
      expect(s.load1).toBeGreaterThanOrEqual(0);
    } finally {
      load.close();
    }
  });
});
