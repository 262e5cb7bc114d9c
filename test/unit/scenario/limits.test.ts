/** The schema and src/scenario/limits.ts state the same maxima (editors and storm must agree). */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as L from '../../../src/scenario/limits.js';
// @ts-expect-error plain JS build script
import { SCHEMA_FILE } from '../../../scripts/gen-schema-validator.mjs';

type Node = {
  maximum?: number;
  maxItems?: number;
  maxLength?: number;
  description?: string;
  properties?: Record<string, Node>;
};
const schema = JSON.parse(readFileSync(SCHEMA_FILE, 'utf8')) as Node & { $defs: Record<string, Node> };
const defs = schema.$defs;

describe('schema maxima = limits.ts', () => {
  it.each([
    ['$defs.duration.maximum', defs.duration.maximum, L.MAX_TIMER_MS],
    ['$defs.rate.maximum', defs.rate.maximum, L.MAX_RATE_PER_S],
    ['$defs.name.maxLength', defs.name.maxLength, L.MAX_NAME_LENGTH],
    ['agentGroup.count.maximum', defs.agentGroup.properties!.count.maximum, L.MAX_AGENTS],
    ['fault.times.maximum', defs.fault.properties!.times.maximum, L.MAX_TIMES],
    ['tool.ttl.maximum', defs.tool.properties!.ttl.maximum, L.MAX_TTL],
    ['workload.concurrency.maximum', defs.workload.properties!.concurrency.maximum, L.MAX_CONCURRENCY],
    ['faults.maxItems', schema.properties!.faults.maxItems, L.MAX_FAULTS],
  ])('%s', (_, inSchema, inCode) => {
    expect(inSchema).toBe(inCode);
  });

  it('every limited field says its limit in its description (editor completion shows it)', () => {
    for (const node of [
      defs.duration,
      defs.rate,
      defs.name,
      defs.agentGroup.properties!.count,
      defs.fault.properties!.times,
      defs.tool.properties!.ttl,
      defs.workload.properties!.concurrency,
      schema.properties!.faults,
    ]) {
      const limit = node.maximum ?? node.maxItems ?? node.maxLength;
      expect(node.description, JSON.stringify(node)).toContain(String(limit));
    }
  });
});
