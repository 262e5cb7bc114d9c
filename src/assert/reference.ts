/**
 * Metric references `name{phase=post, fault=1}`: parsed and checked against the metric vocabulary
 * (src/metrics/names.ts) so a typo fails at load time, not after a two-minute run.
 */
import { METRICS, METRIC_BY_NAME, type MetricInfo } from '../metrics/names.js';
import { PHASES, type Phase } from '../model/metrics.js';
import { type Cursor, describe } from './cursor.js';
import { closestRanked, didYouMeanAny } from '../util/did-you-mean.js';
import type { Expr, Selector } from '../model/assertions.js';

/** The aggregation functions, in the order the docs list them. */
export const FUNCTIONS = ['p50', 'p90', 'p95', 'p99', 'avg', 'min', 'max', 'count'] as const;

const names = (pred: (m: MetricInfo) => boolean): string =>
  METRICS.filter(pred)
    .map((m) => m.name)
    .join(', ');

/** `latency_p95` / `p95_latency_ms` → `p95(latency_ms)`: a common way of spelling an aggregation. */
function aggregationSpelling(word: string): string | undefined {
  for (const fn of FUNCTIONS) {
    for (const rest of [
      word.startsWith(`${fn}_`) ? word.slice(fn.length + 1) : '',
      word.endsWith(`_${fn}`) ? word.slice(0, -fn.length - 1) : '',
    ]) {
      if (!rest) continue;
      const metric = METRIC_BY_NAME.has(rest) ? rest : METRIC_BY_NAME.has(`${rest}_ms`) ? `${rest}_ms` : undefined;
      if (metric) return `${fn}(${metric})`;
    }
  }
  return undefined;
}

function unknownMetric(cur: Cursor, name: string, start: number, end: number): never {
  if ((FUNCTIONS as readonly string[]).includes(name)) {
    cur.fail(
      `"${name}" is a function: write ${name}(metric), e.g. ${name}(latency_ms)`,
      start,
      'unknown-metric',
      cur.replaced(start, end, `${name}(latency_ms)`),
    );
  }
  const agg = aggregationSpelling(name);
  if (agg)
    cur.fail(`unknown metric "${name}" — did you mean ${agg}?`, start, 'unknown-metric', cur.replaced(start, end, agg));
  const near = closestRanked(
    name,
    METRICS.map((m) => m.name),
  );
  cur.fail(
    `unknown metric "${name}"${didYouMeanAny(near)}`,
    start,
    'unknown-metric',
    near.length > 0 ? cur.replaced(start, end, near[0]) : undefined,
  );
}

/** The selector value after `phase=`. */
function phaseValue(cur: Cursor): Phase {
  const t = cur.next();
  if (t.kind === 'ident' && (PHASES as readonly string[]).includes(t.text)) return t.text as Phase;
  const near = t.kind === 'ident' ? closestRanked(t.text, PHASES) : [];
  return cur.fail(
    `unknown phase ${describe(t)}${didYouMeanAny(near)} (phases: pre, fault, post)`,
    t.start,
    'unknown-phase',
    near.length > 0 ? cur.replaced(t.start, t.end, near[0]) : undefined,
  );
}

/** The selector value after `fault=`: a 0-based fault occurrence index. */
function faultValue(cur: Cursor): number {
  const t = cur.next();
  if (t.kind === 'number' && /^\d+$/.test(t.text)) return Number(t.text);
  const neg =
    t.kind === 'punct' && t.text === '-' && cur.peek().kind === 'number' ? `"-${cur.peek().text}"` : describe(t);
  return cur.fail(
    `fault= takes a fault index, a non-negative integer (0 is the first fault), not ${neg}`,
    t.start,
    'bad-fault-index',
  );
}

/** `{phase=post, fault=1}`, the cursor on `{`. Returns the selector and the offset of each key. */
function parseSelector(cur: Cursor): { selector: Selector; at: Record<string, number> } {
  const open = cur.next();
  const selector: Selector = {};
  const at: Record<string, number> = {};
  while (!cur.isPunct('}')) {
    const key = cur.next();
    if (key.kind === 'eof') cur.fail(`missing "}" to close the "{" at offset ${open.start}`, key.start, 'unbalanced');
    if (key.kind !== 'ident' || (key.text !== 'phase' && key.text !== 'fault')) {
      const near = key.kind === 'ident' ? closestRanked(key.text, ['phase', 'fault']) : [];
      cur.fail(
        `unknown selector ${describe(key)}${didYouMeanAny(near)} (selectors: phase=pre|fault|post, fault=N)`,
        key.start,
        'unknown-selector',
        near.length > 0 ? cur.replaced(key.start, key.end, near[0]) : undefined,
      );
    }
    if (key.text in at) cur.fail(`"${key.text}" is selected twice`, key.start, 'duplicate-selector');
    at[key.text] = key.start;
    const eq = cur.next();
    if (eq.kind === 'punct' && eq.text === ':') {
      const close = cur.src.indexOf('}', eq.start);
      const inner = cur.src.slice(open.start, close < 0 ? undefined : close + 1).replace(/\s*:\s*/g, '=');
      cur.fail(
        'selectors use "=", not ":" — in YAML, ": " inside an unquoted list item starts a mapping, ' +
          'so the expression would arrive split in two',
        eq.start,
        'selector-colon',
        cur.replaced(open.start, close < 0 ? cur.src.length : close + 1, inner),
      );
    }
    if (eq.kind !== 'punct' || eq.text !== '=')
      cur.fail(`expected "=" after "${key.text}", found ${describe(eq)}`, eq.start, 'unexpected-token');
    if (key.text === 'phase') selector.phase = phaseValue(cur);
    else selector.fault = faultValue(cur);
    if (cur.isPunct(',')) cur.next();
    else if (!cur.isPunct('}')) {
      const t = cur.peek();
      if (t.kind === 'eof') cur.fail(`missing "}" to close the "{" at offset ${open.start}`, t.start, 'unbalanced');
      cur.fail(`expected "," or "}" in the selector, found ${describe(t)}`, t.start, 'unexpected-token');
    }
  }
  cur.next();
  return { selector, at };
}

/** Parse `name` or `name{…}` at the cursor; `inAggregation` allows distributions such as latency_ms. */
export function parseReference(cur: Cursor, inAggregation: boolean): Expr {
  const id = cur.next();
  const info = METRIC_BY_NAME.get(id.text);
  if (!info) unknownMetric(cur, id.text, id.start, id.end);
  const { selector, at } = cur.isPunct('{') ? parseSelector(cur) : { selector: {}, at: {} as Record<string, number> };
  const end = cur.prevEnd;
  const text = cur.src.slice(id.start, end);
  if (selector.phase !== undefined && !info.phased) {
    cur.fail(
      `${info.name} has no phases; phase= applies to: ${names((m) => m.phased)}`,
      at.phase,
      'selector-not-allowed',
    );
  }
  if (selector.fault !== undefined && !info.perFault) {
    cur.fail(
      `${info.name} is not measured per fault; fault= applies to: ${names((m) => m.perFault)}`,
      at.fault,
      'selector-not-allowed',
    );
  }
  if (selector.fault !== undefined && info.phased && selector.phase === undefined) {
    const brace = cur.src.indexOf('{', id.end);
    cur.fail(
      `${info.name}{fault=${selector.fault}} needs a phase too: which phase of that fault?`,
      at.fault,
      'needs-phase',
      cur.replaced(brace + 1, brace + 1, 'phase=post, '),
    );
  }
  if (info.distribution && !inAggregation) {
    cur.fail(
      `${info.name} is a distribution: wrap it in an aggregation such as p95(${text}) (functions: ${FUNCTIONS.join(' ')})`,
      id.start,
      'needs-aggregation',
      cur.replaced(id.start, end, `p95(${text})`),
    );
  }
  return { kind: 'metric', name: info.name, selector, text };
}
