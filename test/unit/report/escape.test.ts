import { describe, expect, it } from 'vitest';
import {
  escapeHtml,
  escapeXmlAttr,
  escapeXmlText,
  sanitizeTerminal,
  stripInvalidXmlChars,
} from '../../../src/report/escape.js';
import { slugify } from '../../../src/report/format.js';

describe('escaping', () => {
  it('drops characters XML 1.0 cannot carry but keeps astral characters', () => {
    expect(stripInvalidXmlChars('a\u0000b\u0008c\uFFFEd\uD800e😀\tf\n')).toBe('abcde😀\tf\n');
  });

  it('escapes XML text and attributes', () => {
    expect(escapeXmlText('<a & b>')).toBe('&lt;a &amp; b&gt;');
    expect(escapeXmlAttr('"x"\n\ty')).toBe('&quot;x&quot;&#10;&#9;y');
  });

  it('escapes HTML', () => {
    expect(escapeHtml(`<img src=x onerror='1'>&`)).toBe('&lt;img src=x onerror=&#39;1&#39;&gt;&amp;');
  });

  it('keeps newlines and tabs but no other control characters on a terminal', () => {
    expect(sanitizeTerminal('a\u001b[2Jb\n\tc\u0007')).toBe('a[2Jb\n\tc');
  });

  it('slugs scenario names for directories', () => {
    expect(slugify('Fail-storm — 30% of an 8-agent mesh!')).toBe('fail-storm-30-of-an-8-agent-mesh');
    expect(slugify('Ünïcödé')).toBe('unicode');
    expect(slugify('—')).toBe('scenario');
  });
});
