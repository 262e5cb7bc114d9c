import { describe, expect, it } from 'vitest';
import { canonicalize, JcsError } from '../../../src/protocols/anp/jcs.js';

describe('JCS (RFC 8785)', () => {
  it('sorts members by UTF-16 code units (RFC 8785 §3.2.3 example)', () => {
    const input = {
      '\u20ac': 'Euro Sign',
      '\r': 'Carriage Return',
      '\ufb33': 'Hebrew Letter Dalet With Dagesh',
      '1': 'One',
      '\ud83d\ude00': 'Emoji: Grinning Face',
      '\u0080': 'Control',
      '\u00f6': 'Latin Small Letter O With Diaeresis',
    };
    expect(canonicalize(input)).toBe(
      '{"\\r":"Carriage Return","1":"One","\u0080":"Control","\u00f6":"Latin Small Letter O With Diaeresis",' +
        '"\u20ac":"Euro Sign","\ud83d\ude00":"Emoji: Grinning Face","\ufb33":"Hebrew Letter Dalet With Dagesh"}',
    );
  });

  it('formats numbers as ECMAScript does (RFC 8785 §3.2.2.3 samples)', () => {
    expect(canonicalize([1e30, 333333333.33333329, 4.5, 2e-3, 0.000000000000000000000000001, -0, 1e21, 1e-7])).toBe(
      '[1e+30,333333333.3333333,4.5,0.002,1e-27,0,1e+21,1e-7]',
    );
  });

  it('matches the RFC 8785 §3.2.2 canonical example', () => {
    const input = {
      numbers: [333333333.33333329, 1e30, 4.5, 2e-3, 0.000000000000000000000000001],
      string: '\u20ac$\u000f\u000aA\'\u0042\u0022\u005c\\"/',
      literals: [null, true, false],
    };
    expect(canonicalize(input)).toBe(
      '{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],' +
        '"string":"€$\\u000f\\nA\'B\\"\\\\\\\\\\"/"}',
    );
  });

  it('writes nested objects without whitespace and in key order at every level', () => {
    expect(canonicalize({ b: { d: 1, c: [true, { z: null, a: 'x' }] }, a: '' })).toBe(
      '{"a":"","b":{"c":[true,{"a":"x","z":null}],"d":1}}',
    );
  });

  it('signs the did:wba payload in a stable order whatever the input order', () => {
    const a = canonicalize({ did: 'did:wba:h', service: 's', timestamp: 't', nonce: 'n' });
    const b = canonicalize({ nonce: 'n', timestamp: 't', service: 's', did: 'did:wba:h' });
    expect(a).toBe(b);
    expect(a).toBe('{"did":"did:wba:h","nonce":"n","service":"s","timestamp":"t"}');
  });

  it('refuses what JSON cannot represent', () => {
    expect(() => canonicalize(Number.NaN)).toThrow(JcsError);
    expect(() => canonicalize({ x: Infinity })).toThrow(JcsError);
    expect(() => canonicalize('\ud800')).toThrow(JcsError);
    expect(() => canonicalize(10n)).toThrow(JcsError);
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(() => canonicalize(cyclic)).toThrow(JcsError);
  });
});
