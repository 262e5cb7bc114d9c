/**
 * fast-check arbitraries for hostile scenario files and assertion expressions (issue 9), shared by
 * the bounded fuzz test (test/unit/scenario/fuzz.test.ts) and the long run (bench/fuzz-scenarios.mjs).
 * A case starts from a real scenario (shipped, example or fixture) and applies a few edits of the
 * kinds that broke storm before: lines deleted, duplicated, swapped or re-indented; characters
 * dropped or doubled; YAML syntax, huge numbers, deep nesting, long runs and odd Unicode inserted.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import fc from 'fast-check';
import { METRICS } from '../../src/metrics/names.js';

/** A scenario to start from: its path (relative paths inside resolve against it) and its text. */
export interface Seed {
  file: string;
  text: string;
}

/** A mutated scenario: the seed it came from, the edits in words (to reproduce), the new text. */
export interface Mutant {
  file: string;
  edits: string[];
  text: string;
}

const SKIP = new Set(['node_modules', 'dist', 'storm-report', '.git']);

function scenarioFiles(dir: string, out: string[]): string[] {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory() && !SKIP.has(e.name) && !e.name.startsWith('.')) scenarioFiles(p, out);
    else if (e.isFile() && /\.storm\.ya?ml$/.test(e.name) && statSync(p).size < 64 * 1024) out.push(p);
  }
  return out;
}

/** Every scenario under the repository's scenarios/, examples/, bench/ and test/fixtures/, sorted. */
export function loadSeeds(root: string): Seed[] {
  const files = ['scenarios', 'examples', 'bench', 'test/fixtures'].flatMap((d) => scenarioFiles(join(root, d), []));
  return files.sort((a, b) => relative(root, a).localeCompare(relative(root, b))).map((file) => ({ file, text: readFileSync(file, 'utf8') }));
}

/** Characters that have broken parsers, terminals or position arithmetic. */
const ODD_CHARS = ['\u2028', '\u2029', '\ufeff', '\u202e', '\u0000', '\u0007', '\r', '\t', '\u00a0', '\u{1f600}', 'e\u0301', '\ud800', '\\', '"', "'", ':', '#', '&', '*', '!', '%', '@', '`', '|', '>', '{', '}', '[', ']', ',', '?', '-', '='];

/** YAML syntax worth inserting anywhere. */
const YAML_SNIPPETS = [': ', '- ', '? ', '[', ']', '{', '}', '&a ', '*a', '*nope', '!!str ', '!!map ', '!tag ', '|\n', '>-\n', '"', "'", ' # ', '---\n', '...\n', '%YAML 1.1\n---\n', '<<: *a\n', '\t', '\n', '\r', '\r\n', 'key: value\n', '  - x\n', 'null', '~',
  '? [a, b]\n: 1\n', '? { a: 1 }\n: 2\n', '&a [1, 2]', '{phase: post}', '{index}', '__proto__: 1\n', 'constructor: {}\n', 'toString: x\n', '*a\n', `[${Array(150).fill('*a').join(', ')}]`];

/** Numbers at and past every limit, and YAML's odd number spellings. */
const NUMBERS = ['1e999', '-1e999', '9007199254740993', '2147483648', '1e9', '10000000', '-1', '0', '0.0000001', '.inf', '-.inf', '.nan', '0x7fffffff', '0o777', '1_000', '99999999999999999999999999999h', '3000000000ms', '20000/s', '1e308gb', '1e-400', '2^53'];

const UNITS = ['', 'ms', 's', 'm', 'h', '%', 'b', 'kb', 'mb', 'gb', 'kib', 'sec', 'x'];

/** A deeply nested fragment: brackets, mappings, compact sequences, parentheses or minus signs. */
const nesting = fc.record({ n: fc.integer({ min: 20, max: 2000 }), kind: fc.constantFrom('[', '{a: ', '- ', '(', '-', '- [') }).map(({ n, kind }) => kind.repeat(n));

/** A long run: an identifier, digits, or spaces. */
const longRun = fc.record({ n: fc.integer({ min: 100, max: 100_000 }), ch: fc.constantFrom('e', '9', ' ', 'é', '\u2028') }).map(({ n, ch }) => ch.repeat(n));

const snippet = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...YAML_SNIPPETS) },
  { weight: 3, arbitrary: fc.constantFrom(...NUMBERS) },
  { weight: 2, arbitrary: fc.constantFrom(...ODD_CHARS) },
  { weight: 1, arbitrary: nesting },
  { weight: 1, arbitrary: longRun },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 8 }) },
);

/** One token of an assertion, valid or not. */
const assertionToken = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...METRICS.map((m) => m.name)) },
  { weight: 1, arbitrary: fc.constantFrom('p50(', 'p95(', 'p99(', 'avg(', 'min(', 'max(', 'count(', 'mean(', 'latency_p95') },
  { weight: 3, arbitrary: fc.tuple(fc.oneof(fc.nat({ max: 100_000 }).map(String), fc.constantFrom(...NUMBERS)), fc.constantFrom(...UNITS)).map(([n, u]) => n + u) },
  { weight: 4, arbitrary: fc.constantFrom('<', '<=', '>', '>=', '==', '!=', '=', '=>', '+', '-', '*', '/', '(', ')', '{', '}', ',', '&&', 'and') },
  { weight: 2, arbitrary: fc.constantFrom('{phase=post}', '{phase=pre}', '{fault=0}', '{phase=post, fault=1}', '{phase: post}', '{phase=psot}', '{fault=-1}', '{}') },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 4 }) },
  { weight: 1, arbitrary: nesting },
);

/** An assertion expression: mostly token soup around a comparison, sometimes a plausible one. */
export const assertionText: fc.Arbitrary<string> = fc.oneof(
  fc.array(assertionToken, { minLength: 1, maxLength: 12 }).map((t) => t.join(' ')),
  fc.array(assertionToken, { minLength: 1, maxLength: 12 }).map((t) => t.join('')),
  fc.tuple(assertionToken, fc.constantFrom('<', '>=', '=='), assertionToken).map((t) => t.join(' ')),
);

type Edit = { name: string; apply: (text: string) => string };

const pos = (at: number, text: string): number => at % (text.length + 1);
const lineIndex = (at: number, lines: string[]): number => at % lines.length;

const lineEdit: fc.Arbitrary<Edit> = fc
  .record({ op: fc.constantFrom('delete', 'duplicate', 'swap', 'indent', 'dedent'), at: fc.nat(), other: fc.nat(), by: fc.integer({ min: 1, max: 3 }) })
  .map(({ op, at, other, by }) => ({
    name: `${op} line #${at}${op === 'swap' ? ` with #${other}` : ''}${op.endsWith('dent') ? ` by ${by}` : ''}`,
    apply: (text) => {
      const lines = text.split('\n');
      const i = lineIndex(at, lines);
      const j = lineIndex(other, lines);
      if (op === 'delete') lines.splice(i, 1);
      else if (op === 'duplicate') lines.splice(i, 0, lines[i]);
      else if (op === 'swap') [lines[i], lines[j]] = [lines[j], lines[i]];
      else if (op === 'indent') lines[i] = ' '.repeat(by) + lines[i];
      else lines[i] = lines[i].replace(new RegExp(`^ {1,${by}}`), '');
      return lines.join('\n');
    },
  }));

const charEdit: fc.Arbitrary<Edit> = fc
  .record({ op: fc.constantFrom('delete', 'duplicate', 'swap', 'replace'), at: fc.nat(), ch: fc.constantFrom(...ODD_CHARS) })
  .map(({ op, at, ch }) => ({
    name: `${op} char #${at}${op === 'replace' ? ` by ${JSON.stringify(ch)}` : ''}`,
    apply: (text) => {
      const i = pos(at, text);
      if (op === 'delete') return text.slice(0, i) + text.slice(i + 1);
      if (op === 'duplicate') return text.slice(0, i + 1) + text.slice(i);
      if (op === 'swap') return text.slice(0, i) + text.slice(i + 1, i + 2) + text.slice(i, i + 1) + text.slice(i + 2);
      return text.slice(0, i) + ch + text.slice(i + 1);
    },
  }));

const insertEdit: fc.Arbitrary<Edit> = fc.record({ at: fc.nat(), what: snippet }).map(({ at, what }) => ({
  name: `insert ${JSON.stringify(what.length > 40 ? `${what.slice(0, 20)}…(${what.length})` : what)} at #${at}`,
  apply: (text) => {
    const i = pos(at, text);
    return text.slice(0, i) + what + text.slice(i);
  },
}));

const numberEdit: fc.Arbitrary<Edit> = fc.record({ which: fc.nat(), by: fc.constantFrom(...NUMBERS) }).map(({ which, by }) => ({
  name: `number #${which} → ${by}`,
  apply: (text) => {
    const found = [...text.matchAll(/\b\d+(\.\d+)?/g)];
    if (found.length === 0) return text;
    const m = found[which % found.length];
    return text.slice(0, m.index) + by + text.slice((m.index ?? 0) + m[0].length);
  },
}));

const expectEdit: fc.Arbitrary<Edit> = fc.record({ expr: assertionText, quoted: fc.boolean() }).map(({ expr, quoted }) => ({
  name: `expect item ${JSON.stringify(expr.length > 60 ? `${expr.slice(0, 40)}…(${expr.length})` : expr)}${quoted ? ' (quoted)' : ''}`,
  apply: (text) => {
    const item = `  - ${quoted ? JSON.stringify(expr) : expr}`;
    return /^expect:\s*$/m.test(text) ? text.replace(/^expect:\s*$/m, `expect:\n${item}`) : `${text.replace(/\n?$/, '\n')}expect:\n${item}\n`;
  },
}));

/** Values a field might be given: right type, wrong type, at and past every limit, reserved names. */
const VALUES = ['0', '1', '1000', '1001', '0ms', '1ms', '5s', '25h', '0.5', '150%', '0%', '-5s', '1e9h', '20/s', '0/s', '2001/s', '[]', '{}', '[a, b]', '{ a: 1 }', 'null', '~', 'true', '""', 'client', 'rest', 'worker', 'worker-0', 'worker-999', '__proto__', 'constructor', 'SIGSTOP', 'SIGKILL', 'a2a', 'mesh', 'echo', 'shard_lookup', 'exec', 'stub', '"http://127.0.0.1:1/v1"', '"../data/shard{index}.jsonl"', '"node {port}"', '.', '/', '/proc/self', '"recovery_ms < 5kb"', 'e'.repeat(70)];

/** Replace the value after the n-th `key: ` with another value: valid YAML, wrong meaning. */
const valueEdit: fc.Arbitrary<Edit> = fc.record({ which: fc.nat(), by: fc.oneof(fc.constantFrom(...VALUES), fc.constantFrom(...NUMBERS)) }).map(({ which, by }) => ({
  name: `value #${which} → ${JSON.stringify(by)}`,
  apply: (text) => {
    const found = [...text.matchAll(/([A-Za-z_][\w-]*): ([^,{}\[\]\n#]+)/g)];
    if (found.length === 0) return text;
    const m = found[which % found.length];
    const start = (m.index ?? 0) + m[1].length + 2;
    return text.slice(0, start) + by + text.slice(start + m[2].trimEnd().length);
  },
}));

/** Rename the n-th key to another key of the format, a near miss, or a JavaScript internal. */
const keyEdit: fc.Arbitrary<Edit> = fc
  .record({ which: fc.nat(), by: fc.constantFrom('count', 'tool', 'times', 'every', 'for', 'kill', 'of', 'target', 'partition', 'restart_after', 'rate', 'concurrency', 'expect', 'protocol', 'from', 'to', 'data', 'command', 'ttl', 'kind', 'signal', 'at', 'duration', 'warmup', 'latency', 'loss', 'restart_afterr', 'cuont', '__proto__', 'constructor', 'hasOwnProperty') })
  .map(({ which, by }) => ({
    name: `key #${which} → ${by}`,
    apply: (text) => {
      const found = [...text.matchAll(/([A-Za-z_][\w-]*):(?= |\n)/g)];
      if (found.length === 0) return text;
      const m = found[which % found.length];
      return text.slice(0, m.index) + by + text.slice((m.index ?? 0) + m[1].length);
    },
  }));

const edit = fc.oneof(
  { weight: 3, arbitrary: lineEdit },
  { weight: 3, arbitrary: charEdit },
  { weight: 4, arbitrary: insertEdit },
  { weight: 2, arbitrary: numberEdit },
  { weight: 2, arbitrary: expectEdit },
  { weight: 4, arbitrary: valueEdit },
  { weight: 3, arbitrary: keyEdit },
);

/** Mutants of `seeds`: one seed, one to six edits. */
export function mutants(seeds: Seed[]): fc.Arbitrary<Mutant> {
  return fc.record({ seed: fc.constantFrom(...seeds), edits: fc.array(edit, { minLength: 1, maxLength: 6 }) }).map(({ seed, edits }) => ({
    file: seed.file,
    edits: edits.map((e) => e.name),
    text: edits.reduce((text, e) => e.apply(text), seed.text),
  }));
}

/** A located issue, as far as the bounds check needs it. */
export interface IssueLike {
  line: number;
  col: number;
  code: string;
  message: string;
}

/** Codes about the file as a whole, which have no position (line 0). */
const FILE_LEVEL = new Set(['file-too-large', 'path-not-found', 'not-a-file', 'unreadable']);

/**
 * What is wrong with the issues storm gave for `text`: a position outside the file (line past the
 * last line, column past the end of its line + 1), a file-level issue without its reason, an
 * internal error. Lines are counted the way an editor does (CR, LF or CRLF; a BOM is not a column).
 */
export function issueProblems(text: string, issues: readonly IssueLike[]): string[] {
  const lines = text.replace(/^\ufeff/, '').split(/\r\n|\r|\n/);
  const problems: string[] = [];
  for (const i of issues) {
    if (i.code === 'internal-error') problems.push(`internal error: ${i.message}`);
    if (i.line === 0) {
      if (!FILE_LEVEL.has(i.code)) problems.push(`line 0 for ${i.code}: ${i.message}`);
      continue;
    }
    if (!Number.isInteger(i.line) || i.line < 1 || i.line > lines.length) problems.push(`line ${i.line} of ${lines.length} (${i.code})`);
    else if (!Number.isInteger(i.col) || i.col < 1 || i.col > lines[i.line - 1].length + 1) problems.push(`${i.line}:${i.col} past the end of a ${lines[i.line - 1].length}-character line (${i.code})`);
  }
  return problems;
}
