import { describe, expect, test } from 'vitest';
import { AssertParseError, parseAssertion } from '../../../src/assert/parse.js';
import type { Expr } from '../../../src/model/assertions.js';

/** The AST as an S-expression, so a table row fits on one line. */
function sx(e: Expr): string {
  switch (e.kind) {
    case 'number':
      return String(e.value);
    case 'metric': {
      const sel = Object.entries(e.selector)
        .map(([k, v]) => `${k}=${v}`)
        .join(',');
      return sel ? `${e.name}[${sel}]` : e.name;
    }
    case 'call':
      return `(${e.fn} ${sx(e.arg)})`;
    case 'binary':
      return `(${e.op} ${sx(e.left)} ${sx(e.right)})`;
    case 'neg':
      return `(neg ${sx(e.arg)})`;
  }
}
const parsed = (text: string): string => {
  const a = parseAssertion(text);
  return `(${a.op} ${sx(a.left)} ${sx(a.right)})`;
};

describe('parseAssertion: valid expressions', () => {
  test.each([
    ['recovery_ms < 5000', '(< recovery_ms 5000)'],
    ['recovery_ms<=5000', '(<= recovery_ms 5000)'],
    ['detect_ms > 0', '(> detect_ms 0)'],
    ['restarts >= 1', '(>= restarts 1)'],
    ['tasks_lost == 0', '(== tasks_lost 0)'],
    ['recovered != 0', '(!= recovered 0)'],
    // units
    ['recovery_ms < 250ms', '(< recovery_ms 250)'],
    ['recovery_ms < 5s', '(< recovery_ms 5000)'],
    ['recovery_ms < 1.5s', '(< recovery_ms 1500)'],
    ['recovery_ms < 2m', '(< recovery_ms 120000)'],
    ['recovery_ms < 1h', '(< recovery_ms 3600000)'],
    ['success_rate_drop <= 25%', '(<= success_rate_drop 0.25)'],
    ['success_rate_drop <= 30%', '(<= success_rate_drop 0.3)'],
    ['bytes_total < 512b', '(< bytes_total 512)'],
    ['bytes_total < 1kb', '(< bytes_total 1000)'],
    ['bytes_total < 2mb', '(< bytes_total 2000000)'],
    ['bytes_total < 1gb', '(< bytes_total 1000000000)'],
    ['bytes_total < 1KB', '(< bytes_total 1000)'],
    ['bytes_total < 1kib', '(< bytes_total 1024)'],
    ['bytes_total < 1.5MiB', '(< bytes_total 1572864)'],
    ['bytes_total < 1gib', '(< bytes_total 1073741824)'],
    ['bytes_total < 1e3', '(< bytes_total 1000)'],
    ['duplicate_work_ratio <= .05', '(<= duplicate_work_ratio 0.05)'],
    // selectors
    ['success_rate{phase=post} > 0.9', '(> success_rate[phase=post] 0.9)'],
    ['success_rate{ phase = fault } > 0.5', '(> success_rate[phase=fault] 0.5)'],
    ['accuracy{phase=pre} > 0.5', '(> accuracy[phase=pre] 0.5)'],
    ['recovery_ms{fault=1} < 5s', '(< recovery_ms[fault=1] 5000)'],
    ['success_rate{phase=post, fault=2} > 0.8', '(> success_rate[phase=post,fault=2] 0.8)'],
    ['success_rate{fault=0,phase=pre} > 0.8', '(> success_rate[fault=0,phase=pre] 0.8)'],
    ['success_rate_drop{fault=0} < 0.2', '(< success_rate_drop[fault=0] 0.2)'],
    ['throughput{} > 1', '(> throughput 1)'],
    // functions
    ['p50(latency_ms) < 100', '(< (p50 latency_ms) 100)'],
    ['p90(latency_ms{phase=pre}) < 100', '(< (p90 latency_ms[phase=pre]) 100)'],
    ['p95(latency_ms{phase=post}) < 500ms', '(< (p95 latency_ms[phase=post]) 500)'],
    ['p99( latency_ms ) < 1s', '(< (p99 latency_ms) 1000)'],
    ['avg(latency_ms) < 1s', '(< (avg latency_ms) 1000)'],
    ['min(latency_ms) >= 0', '(>= (min latency_ms) 0)'],
    ['max(recovery_ms) < 8s', '(< (max recovery_ms) 8000)'],
    ['count(latency_ms{phase=post}) > 10', '(> (count latency_ms[phase=post]) 10)'],
    ['p50(recovery_ms) < 5s', '(< (p50 recovery_ms) 5000)'],
    ['p95(latency_ms{phase=post, fault=1}) < 1s', '(< (p95 latency_ms[phase=post,fault=1]) 1000)'],
    // arithmetic and precedence
    ['1 + 2 * 3 == 7', '(== (+ 1 (* 2 3)) 7)'],
    ['(1 + 2) * 3 == 9', '(== (* (+ 1 2) 3) 9)'],
    ['10 - 4 - 3 == 3', '(== (- (- 10 4) 3) 3)'],
    ['8 / 4 / 2 == 1', '(== (/ (/ 8 4) 2) 1)'],
    ['-1 < -(2 - 4)', '(< (neg 1) (neg (- 2 4)))'],
    ['--1 == 1', '(== (neg (neg 1)) 1)'],
    ['((recovery_ms)) < 5s', '(< recovery_ms 5000)'],
    [
      'success_rate{phase=post} >= 0.9 * success_rate{phase=pre}',
      '(>= success_rate[phase=post] (* 0.9 success_rate[phase=pre]))',
    ],
    [
      'p95(latency_ms{phase=post}) <= 2 * p95(latency_ms{phase=pre})',
      '(<= (p95 latency_ms[phase=post]) (* 2 (p95 latency_ms[phase=pre])))',
    ],
    ['bytes_reconnect / restarts < 10kb', '(< (/ bytes_reconnect restarts) 10000)'],
    ['recovery_ms - detect_ms < 1s + 500ms', '(< (- recovery_ms detect_ms) (+ 1000 500))'],
  ])('%s', (text, want) => {
    expect(parsed(text)).toBe(want);
  });

  test('nodes keep their original text', () => {
    const a = parseAssertion('p95(latency_ms{ phase = post })  <  0.5 * (1s + 200ms)');
    expect(a.source).toBe('p95(latency_ms{ phase = post })  <  0.5 * (1s + 200ms)');
    expect(a.left.text).toBe('p95(latency_ms{ phase = post })');
    expect(a.left.kind === 'call' && a.left.arg.text).toBe('latency_ms{ phase = post }');
    expect(a.right.text).toBe('0.5 * (1s + 200ms)');
    expect(a.right.kind === 'binary' && a.right.right.text).toBe('1s + 200ms');
  });
});

/** [text, offset, code, message fragment, hint (undefined = no hint)] */
type Bad = [string, number, string, string, string | undefined];

describe('parseAssertion: malformed expressions', () => {
  test.each<Bad>([
    ['', 0, 'empty', 'empty assertion', undefined],
    ['   ', 0, 'empty', 'empty assertion', undefined],
    ['recovry_ms < 5000', 0, 'unknown-metric', 'did you mean "recovery_ms"', 'recovery_ms < 5000'],
    ['recovery < 5000', 0, 'unknown-metric', '"recovery_ms"', 'recovery_ms < 5000'],
    [
      'recovery_ms < 5 + sucess_rate',
      18,
      'unknown-metric',
      'did you mean "success_rate"',
      'recovery_ms < 5 + success_rate',
    ],
    ['zzzzzz < 1', 0, 'unknown-metric', 'unknown metric "zzzzzz"', undefined],
    ['latency_p95 < 500', 0, 'unknown-metric', 'did you mean p95(latency_ms)', 'p95(latency_ms) < 500'],
    ['p95 < 500', 0, 'unknown-metric', '"p95" is a function', 'p95(latency_ms) < 500'],
    ['p59(latency_ms) < 3', 0, 'unknown-function', 'did you mean "p50", "p95" or "p99"', 'p50(latency_ms) < 3'],
    ['mean(latency_ms) < 3', 0, 'unknown-function', 'unknown function "mean"', undefined],
    ['recovery_ms(1) < 3', 0, 'unknown-function', 'is a metric, not a function', undefined],
    ['success_rate{phase=psot} > 0.5', 19, 'unknown-phase', 'did you mean "post"', 'success_rate{phase=post} > 0.5'],
    ['success_rate{phase=during} > 0.5', 19, 'unknown-phase', 'phases: pre, fault, post', undefined],
    ['success_rate{phse=post} > 0.5', 13, 'unknown-selector', 'did you mean "phase"', 'success_rate{phase=post} > 0.5'],
    ['recovery_ms{phase=post} < 1', 12, 'selector-not-allowed', 'recovery_ms has no phases', undefined],
    ['bytes_total{fault=0} < 1', 12, 'selector-not-allowed', 'bytes_total is not measured per fault', undefined],
    ['success_rate{fault=1} > 0.5', 13, 'needs-phase', 'needs a phase', 'success_rate{phase=post, fault=1} > 0.5'],
    ['recovery_ms{fault=-1} < 1', 18, 'bad-fault-index', 'not "-1"', undefined],
    ['recovery_ms{fault=1.5} < 1', 18, 'bad-fault-index', 'non-negative integer', undefined],
    ['recovery_ms{fault=first} < 1', 18, 'bad-fault-index', 'non-negative integer', undefined],
    ['recovery_ms{fault=1, fault=2} < 1', 21, 'duplicate-selector', 'selected twice', undefined],
    ['latency_ms < 500', 0, 'needs-aggregation', 'distribution', 'p95(latency_ms) < 500'],
    [
      '1 < latency_ms{phase=post}',
      4,
      'needs-aggregation',
      'p95(latency_ms{phase=post})',
      '1 < p95(latency_ms{phase=post})',
    ],
    ['success_rate{phase: post} > 0.9', 18, 'selector-colon', 'YAML', 'success_rate{phase=post} > 0.9'],
    [
      'success_rate{phase: post, fault: 1} > 1',
      18,
      'selector-colon',
      'not ":"',
      'success_rate{phase=post, fault=1} > 1',
    ],
    ['recovery_ms 5000', 12, 'missing-operator', 'missing comparison operator before "5000"', undefined],
    ['recovery_ms', 11, 'missing-operator', 'at the end', undefined],
    ['recovery_ms = 5', 12, 'unknown-operator', '"=="', 'recovery_ms == 5'],
    ['recovery_ms => 5', 12, 'unknown-operator', '">="', 'recovery_ms >= 5'],
    ['recovery_ms =< 5', 12, 'unknown-operator', '"<="', 'recovery_ms <= 5'],
    ['0 < recovery_ms < 5000', 16, 'two-operators', 'only one comparison', '- 0 < recovery_ms\n- recovery_ms < 5000'],
    ['recovery_ms < 5 and detect_ms < 1', 16, 'unexpected-token', 'its own expect entry', undefined],
    ['recovery_ms < 5 && detect_ms < 1', 16, 'unexpected-character', 'its own expect entry', undefined],
    ['recovery_ms < 5000 ms', 19, 'unexpected-token', 'a unit is written against its number', 'recovery_ms < 5000ms'],
    ['recovery_ms < 5sec', 15, 'unknown-unit', 'did you mean "s"', 'recovery_ms < 5s'],
    ['recovery_ms < 5 # comment', 16, 'unexpected-character', 'unexpected character "#"', undefined],
    ['(1 + 2 < 3', 7, 'unbalanced', 'missing ")" to close the "(" at offset 0', undefined],
    ['((1) < 3', 5, 'unbalanced', 'missing ")"', undefined],
    ['1 + 2) < 3', 5, 'unbalanced', 'without a matching "("', undefined],
    ['1 < (3', 6, 'unbalanced', 'missing ")"', undefined],
    ['1 < 3)', 5, 'unbalanced', 'without a matching "("', undefined],
    ['p95(latency_ms < 5', 15, 'unbalanced', 'missing ")"', undefined],
    ['p95(latency_ms', 14, 'unbalanced', 'missing ")"', undefined],
    ['success_rate{phase=post > 1', 24, 'unexpected-token', 'expected "," or "}"', undefined],
    ['success_rate{phase=post', 23, 'unbalanced', 'missing "}"', undefined],
    ['p95(latency_ms * 2) < 5', 15, 'bad-argument', 'single metric reference', undefined],
    ['p95(2) < 5', 4, 'bad-argument', 'takes one metric reference', undefined],
    ['p95(p50(latency_ms)) < 5', 4, 'bad-argument', 'takes one metric reference', undefined],
    ['< 5', 0, 'unexpected-token', 'expected a number, a metric or a function call', undefined],
    ['recovery_ms <', 13, 'unexpected-token', 'ends too early', undefined],
    ['recovery_ms < * 5', 14, 'unexpected-token', 'found "*"', undefined],
    ['{phase=post} > 1', 0, 'unexpected-token', 'found "{"', undefined],
  ])('%j', (text, offset, code, fragment, hint) => {
    let err: unknown;
    try {
      parseAssertion(text);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(AssertParseError);
    const e = err as AssertParseError;
    expect({ offset: e.offset, code: e.code }).toEqual({ offset, code });
    expect(e.message).toContain(fragment);
    expect(e.hint).toBe(hint);
  });
});

/** The error of `text`, or undefined when it parses. */
function errorOf(text: string): AssertParseError | undefined {
  try {
    parseAssertion(text);
    return undefined;
  } catch (e) {
    if (e instanceof AssertParseError) return e;
    throw e;
  }
}

describe('parseAssertion: limits (issue 9: never a stack overflow, whatever the input)', () => {
  test.each([
    ['parentheses', `${'('.repeat(400)}recovery_ms${')'.repeat(400)} < 1`, 32],
    ['minus signs', `recovery_ms < ${'-'.repeat(900)}1`, 14 + 32],
    ['mixed', `recovery_ms < ${'-('.repeat(100)}1${')'.repeat(100)}`, 14 + 32],
  ])('nesting too deep (%s) is an error at the first level too many', (_, text, offset) => {
    const e = errorOf(text);
    expect({ code: e?.code, offset: e?.offset }).toEqual({ code: 'too-deep', offset });
    expect(e?.message).toContain('nested more than 32 levels');
  });

  test('32 levels still parse', () => {
    expect(errorOf(`${'('.repeat(32)}recovery_ms${')'.repeat(32)} < ${'-'.repeat(32)}1`)).toBeUndefined();
  });

  test('a 1,200-parenthesis or 8,000-minus expression is refused by length, instantly', () => {
    for (const text of [
      `${'('.repeat(1200)}recovery_ms${')'.repeat(1200)} < 1`,
      `recovery_ms < ${'-'.repeat(8000)}1`,
    ]) {
      const e = errorOf(text);
      expect(e?.code).toBe('too-long');
      expect(e?.message).toContain(`at most 1000 characters (this one has ${text.length})`);
    }
  });

  test('a long sum within the length limit parses (left-associative: no recursion per term)', () => {
    expect(errorOf(`recovery_ms < ${Array(300).fill('1').join('+')}`)).toBeUndefined();
  });

  test.each(['1e999', '1e309', '1e308gb', '99999e999ms'])('non-finite literal %s is refused', (lit) => {
    const e = errorOf(`recovery_ms >= ${lit}`);
    expect({ code: e?.code, offset: e?.offset }).toEqual({ code: 'bad-number', offset: 15 });
    expect(e?.message).toContain('too large');
  });
});

describe('parseAssertion: units must fit the metric', () => {
  test.each([
    ['recovery_ms < 5kb', 14, '5kb is a size in bytes, but recovery_ms is a time', 'such as 500ms, 5s or 2m'],
    ['success_rate > 5s', 15, '5s is a time, but success_rate is a ratio', 'such as 90% or 0.9'],
    ['recovery_ms < 50%', 14, '50% is a ratio from 0 to 1, but recovery_ms is a time', 'plain number of milliseconds'],
    ['bytes_reconnect < 2s', 18, '2s is a time, but bytes_reconnect is a size in bytes', '10kb or 2mb'],
    ['false_suspicions <= 5%', 20, 'false_suspicions is a count', 'a plain number'],
    ['throughput > 1s', 13, 'throughput is a rate per second', 'tasks per second'],
    ['p95(latency_ms) < 1mb', 18, 'p95(latency_ms) is a time', '5s'],
    ['count(latency_ms) > 2s', 20, 'count(latency_ms) is a count', 'a plain number'],
    ['5kb > recovery_ms', 0, '5kb is a size in bytes', 'a time such as'],
    ['recovery_ms < 1s + 5kb', 19, '5kb is a size in bytes, but 1s is a time', 'a time such as'],
    ['recovery_ms + bytes_reconnect < 5', 0, 'recovery_ms is a time, but bytes_reconnect is a size', 'cannot be added'],
  ])('%s', (text, offset, fragment, fix) => {
    const e = errorOf(text);
    expect({ code: e?.code, offset: e?.offset }).toEqual({ code: 'unit-mismatch', offset });
    expect(e?.message).toContain(fragment);
    expect(e?.message).toContain(fix);
  });

  test.each([
    'recovery_ms < 5000',
    'recovery_ms < 5s + 200ms',
    'recovery_ms < 2 * 1s',
    'recovery_ms{fault=1} < 110% * recovery_ms{fault=0}',
    'success_rate{phase=post} >= 90% * success_rate{phase=pre}',
    'success_rate_drop <= 25%',
    'bytes_reconnect < 10kb',
    'bytes_reconnect / restarts < 10kb',
    'recovery_ms / detect_ms < 3',
    'p95(latency_ms{phase=post}) <= 2 * p95(latency_ms{phase=pre})',
    'count(latency_ms{phase=post}) > 10',
    'throughput > 10',
  ])('fits: %s', (text) => {
    expect(errorOf(text)).toBeUndefined();
  });
});

describe('parseAssertion: a unit written apart from its number', () => {
  const failure = (text: string): AssertParseError => {
    try {
      parseAssertion(text);
    } catch (err) {
      return err as AssertParseError;
    }
    throw new Error(`"${text}" parsed`);
  };

  test.each([
    ['recovery_ms < 4 s', 'recovery_ms < 4s', 4000],
    ['recovery_ms < 4 sec', 'recovery_ms < 4s', 4000],
    ['recovery_ms < 2.5 seconds', 'recovery_ms < 2.5s', 2500],
    ['bytes_reconnect < 64 KiB', 'bytes_reconnect < 64KiB', 65536],
    ['4 s > recovery_ms', '4s > recovery_ms', 4000],
  ])('%s → hint "%s", which parses', (text, fixed, value) => {
    const err = failure(text);
    expect(err.message).toContain('a unit is written against its number');
    expect(err.hint).toBe(fixed);
    const a = parseAssertion(err.hint!);
    const num = a.right.kind === 'number' ? a.right : a.left;
    expect(num.kind === 'number' && num.value).toBe(value);
  });

  test('other words after a number keep their own message', () => {
    expect(failure('recovery_ms < 5000 and detect_ms < 100').message).toContain(
      'write each condition as its own expect entry',
    );
  });
});
