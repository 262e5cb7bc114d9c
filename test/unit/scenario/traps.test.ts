import { describe, expect, it } from 'vitest';
import {
  expectMappingMessage,
  findPlaceholderTrap,
  fixSelectorColons,
  placeholderMessage,
} from '../../../src/scenario/traps.js';

describe('placeholder trap', () => {
  it('finds the unquoted value inside a flow mapping and quotes it in the hint', () => {
    const trap = findPlaceholderTrap('  worker: { count: 8, tool: lookup, data: ../data/shard{index}.jsonl }');
    expect(trap).toMatchObject({ key: 'data', value: '../data/shard{index}.jsonl' });
    expect(placeholderMessage(trap!).hint).toBe('quote it: data: "../data/shard{index}.jsonl"');
  });
  it('keeps several placeholders in one value', () => {
    expect(findPlaceholderTrap('  a: { command: node x.js --port {port} --id {id}, count: 2 }')?.value).toBe(
      'node x.js --port {port} --id {id}',
    );
  });
  it('ignores quoted placeholders', () => {
    expect(findPlaceholderTrap('  w: { data: "shard{index}.jsonl" }')).toBeUndefined();
  });
});

describe('selector colon trap', () => {
  it('rewrites selectors with =', () => {
    expect(fixSelectorColons('  - p95(latency_ms{phase: post}) < 500')).toBe('  - p95(latency_ms{phase=post}) < 500');
    expect(fixSelectorColons('  - x{phase: post, fault: 1} > 1')).toBe('  - x{phase=post, fault=1} > 1');
    expect(fixSelectorColons('  - recovery_ms < 5000')).toBeUndefined();
  });
  it('explains an item split into a mapping and shows the fixed line', () => {
    const m = expectMappingMessage('x{phase', 'post} > 1');
    expect(m.message).toContain('{"x{phase": "post} > 1"}');
    expect(m.hint).toBe('write it as: - x{phase=post} > 1');
    expect(expectMappingMessage('recovery_ms', '< 5000').hint).toBe('write it as: - recovery_ms < 5000');
  });
});
