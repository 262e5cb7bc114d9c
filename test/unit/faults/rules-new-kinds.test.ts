/** Composition and description of the reset, blackhole, bandwidth and message parts of a link rule. */
import { describe, expect, it } from 'vitest';
import { composeRules, describeRule, type MessageRule } from '../../../src/faults/link-rule.js';
import { needsProxy } from '../../../src/faults/kinds/index.js';

const msg = (fault: number): MessageRule => ({
  fault,
  messageType: 'q',
  action: 'drop',
  share: 0.2,
  requests: ['q'],
  replies: [],
});

describe('composeRules with the new kinds', () => {
  it('compounds reset shares, keeps the narrowest bandwidth, any blackhole, and stacks message rules in order', () => {
    const r = composeRules([
      { reset: 0.5, bytesPerSec: 1000 },
      { reset: 0.5, bytesPerSec: 500, messages: [msg(1)] },
      { blackhole: true, messages: [msg(2)] },
    ]);
    expect(r).toEqual({ blackhole: true, reset: 0.75, bytesPerSec: 500, messages: [msg(1), msg(2)] });
  });

  it('leaves fields out that no rule sets', () => {
    expect(composeRules([{ latencyMs: 5 }])).toEqual({ latencyMs: 5 });
  });

  it('describes each part', () => {
    expect(describeRule({ blackhole: true })).toBe('blackhole');
    expect(
      describeRule({ reset: 0.5, bytesPerSec: 2000, messages: [msg(0), { ...msg(1), action: 'delay', delayMs: 300 }] }),
    ).toBe('reset 50% of requests, bandwidth 2000 B/s, drop 20% of q messages, delay 300 ms of q messages');
  });
});

describe('needsProxy', () => {
  it('is true for every proxy kind', () => {
    const base = { index: 0, atMs: 1000, times: 1, forMs: 1000, loc: { line: 1, col: 1 } };
    expect(needsProxy({ faults: [{ ...base, kind: 'reset', share: 0.5, target: ['a'] }] })).toBe(true);
    expect(needsProxy({ faults: [{ ...base, kind: 'blackhole', target: ['a'] }] })).toBe(true);
    expect(needsProxy({ faults: [{ ...base, kind: 'bandwidth', bytesPerSec: 9, target: ['a'] }] })).toBe(true);
    expect(needsProxy({ faults: [{ ...base, kind: 'message', messageType: 'q', action: 'drop', share: 0.1 }] })).toBe(
      true,
    );
  });
});
