/**
 * Normalizes storm's output (console text, JUnit XML, plan, --list, validate) for snapshot tests:
 * whatever legitimately varies between runs and machines becomes a stable placeholder, while layout,
 * names, statuses, counts, assertion texts and thresholds stay as they are, so a real change still
 * shows up in the snapshot.
 *
 * Two levels:
 * - always (`measured: false`): absolute paths (repository root, temp dirs), hostname, storm and node
 *   versions, ports, pids, ISO timestamps; seeds only with `randomSeed` (a scenario without `seed:`).
 * - `measured: true` (the default; for output of a run): also durations and times (`5.9s`, `60 ms`,
 *   `t=1.50s`, `Time:   6.7 s`, JUnit `time=`), the numbers of the metrics table (their column
 *   padding collapses to two spaces, since widths follow the numbers), the harness line's numbers
 *   and worst agent (and its optional "N late tasks dropped"), the actual values in assertion
 *   failures (the threshold stays), and JUnit property values except status, seed and booleans.
 * Plan, --list and validate print planned values, not measurements: use `measured: false` there.
 */
import { hostname, tmpdir } from 'node:os';

export interface NormalizeOptions {
  /** Replace run measurements (times, metrics, harness numbers). Default true. */
  measured?: boolean;
  /** Replace seeds (only for scenarios whose seed is drawn at random). Default false. */
  randomSeed?: boolean;
  /** Absolute paths to replace by `<root>` (e.g. the repository), longest first. */
  roots?: string[];
}

const NUM = String.raw`-?\d+(?:\.\d+)?(?:e[+-]?\d+)?`;
const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Property names whose JUnit value is a verdict, an input or must be 0 by design (tasks issued after the end), kept verbatim. */
const KEPT_PROPERTY = /\.(status|seed|overloaded|healthy|recovered|verdict|runs|flaky|tasks_after_end)$/;

export function normalizeOutput(text: string, opts: NormalizeOptions = {}): string {
  const measured = opts.measured ?? true;
  let s = text.replace(/\r\n/g, '\n');

  // --- machine and run identity (always) ---
  for (const root of [...(opts.roots ?? [])].sort((a, b) => b.length - a.length)) {
    if (root.length > 1) s = s.replace(new RegExp(escapeRe(root), 'g'), '<root>');
  }
  const tmp = tmpdir();
  s = s.replace(new RegExp(`${escapeRe(tmp)}/[\\w.-]+`, 'g'), '<tmp>');
  s = s.replace(/\/tmp\/[\w.-]+/g, '<tmp>');
  const host = hostname();
  s = s.replace(/hostname="[^"]*"/g, 'hostname="<host>"');
  // a short hostname ("vm", "ci") could be a word of the output: replace it only in the attribute
  if (host.length >= 4) s = s.replace(new RegExp(`(?<![\\w-])${escapeRe(host)}(?![\\w-])`, 'g'), '<host>');
  s = s.replace(/\bstorm (v?)\d+\.\d+\.\d+(?:-[\w.]+)?/g, 'storm $1<version>');
  s = s.replace(/\bnode(?:\.js)? v?\d+\.\d+\.\d+/gi, 'node <version>');
  s = s.replace(/\bv\d+\.\d+\.\d+\b/g, '<version>');
  s = s.replace(/\b(localhost|127\.0\.0\.1|0\.0\.0\.0|\[::1?\]):\d+/g, '$1:<port>');
  s = s.replace(/\bport (\d+)/g, 'port <port>');
  s = s.replace(/\bpid([ =:]\s*)\d+/g, 'pid$1<pid>');
  s = s.replace(/"pid":\s*\d+/g, '"pid": <pid>');
  s = s.replace(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?(?:Z|[+-]\d\d:\d\d)?/g, '<timestamp>');
  if (opts.randomSeed) {
    s = s.replace(/\bseed(=|:?\s+)\d+/g, 'seed$1<seed>');
    s = s.replace(/(name="[^"]*\.seed" value=")\d+"/g, '$1<seed>"');
  }
  if (!measured) return s;

  // --- measurements of a run ---
  // JUnit: times and property values
  s = s.replace(/\btime="[^"]*"/g, 'time="<s>"');
  s = s.replace(/(<property name="([^"]*)" value=")([^"]*)"/g, (m, head: string, name: string, value: string) => {
    if (KEPT_PROPERTY.test(name)) return m;
    if (value === 'null') return m;
    if (name.endsWith('.loop_delay_agent')) return `${head}<agent>"`;
    if (name.endsWith('.harness.reasons')) return `${head}<reasons>"`;
    return new RegExp(`^${NUM}$`).test(value) ? `${head}<n>"` : m;
  });

  const lines = s.split('\n');
  let inTable = false;
  const out: string[] = [];
  for (let line of lines) {
    // the metrics table: header "  protocol  detect_ms …" and its rows, up to the blank line
    if (/^\s+protocol {2,}\S/.test(line)) inTable = true;
    else if (line.trim() === '') inTable = false;
    if (inTable) {
      const indent = /^\s*/.exec(line)![0];
      line =
        indent +
        line
          .slice(indent.length)
          // bytes carry a unit that follows their size (`0 B`, `39.1 KiB`): one placeholder for both
          .replace(new RegExp(`(?<=^|\\s)${NUM} (B|KiB|MiB|GiB|TiB)(?=\\s|$)`, 'g'), '<bytes>')
          .replace(new RegExp(`(?<=^|\\s)${NUM}(?=\\s|$)`, 'g'), '<n>')
          .replace(/ {2,}/g, '  ');
      out.push(line);
      continue;
    }
    // the harness line under the table
    const h = /^(\s+\S+\s+harness: )(.*)$/.exec(line);
    if (h) {
      const body = h[2]
        .replace(/ · \d+ late tasks? dropped/, '')
        .replace(/agents (\S+) ms \([^)]*\)/, 'agents $1 ms (<agent>)')
        .replace(new RegExp(`(?<![\\w-])${NUM}(?![\\w-])`, 'g'), '<n>');
      out.push(h[1] + body);
      continue;
    }
    out.push(line);
  }
  s = out.join('\n');

  // assertion failures: the actual value, never the threshold; "(actual: a=1, b=2)"
  s = s.replace(new RegExp(`([\\w\\])}]) ${NUM} is not `, 'g'), '$1 <n> is not ');
  s = s.replace(
    /\(actual: ([^)]*)\)/g,
    (_m, inner: string) => `(actual: ${inner.replace(new RegExp(`=${NUM}`, 'g'), '=<n>')})`,
  );

  // times and durations: "t=1.50s", "5.9s", "60 ms", "Time:   6.7 s"
  s = s.replace(new RegExp(`\\bt=${NUM}\\s?(ms|s)\\b`, 'g'), 't=<t>');
  s = s.replace(/^(Time:\s+).*$/gm, '$1<dur>');
  s = s.replace(new RegExp(`(?<![\\w.<-])${NUM}\\s?(ms|s|m|h)\\b`, 'g'), '<dur>');
  // rates and sizes
  s = s.replace(new RegExp(`(?<![\\w.<-])${NUM}\\s?(B|KB|KiB|MB|MiB|bytes)\\b`, 'g'), '<bytes>');
  s = s.replace(new RegExp(`(?<![\\w.<-])${NUM}/s\\b`, 'g'), '<rate>');
  return s;
}
