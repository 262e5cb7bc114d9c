/**
 * Reporter names → classes (STYLE point 3). Built-ins load lazily so `-r junit` never pays for
 * the console live view or the HTML renderer. A name that looks like a path is a user's module whose default
 * export is a Reporter class, constructed with the same options as the built-ins.
 */
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { closestName } from '../util/did-you-mean.js';
import { UsageError } from './errors.js';
import type { Reporter, ReporterOptions, StrictReporter } from './types.js';

/** What a reporter module's default export must be. */
export type ReporterClass = new (opts: ReporterOptions) => Reporter;

/** Built-ins take their hooks' arguments as read-only views: StrictReporter checks it at compile time. */
const BUILT_IN: Record<string, () => Promise<new (opts: ReporterOptions) => StrictReporter>> = {
  console: async () => (await import('../../reporters/console.js')).ConsoleReporter,
  junit: async () => (await import('../../reporters/junit.js')).JunitReporter,
  json: async () => (await import('../../reporters/json.js')).JsonReporter,
  html: async () => (await import('../../reporters/html.js')).HtmlReporter,
  github: async () => (await import('../../reporters/github.js')).GithubReporter,
  blob: async () => (await import('../../reporters/blob.js')).BlobReporter,
};

/** The built-in reporter names, in documentation order. */
/** The reporters a run writes when `-r` is not given (SPEC §5). */
export const DEFAULT_REPORTERS: readonly string[] = ['console', 'junit', 'json', 'html'];

export const BUILT_IN_REPORTERS: readonly string[] = Object.keys(BUILT_IN);

/** True when `name` should be imported as a module rather than looked up. */
export function isModulePath(name: string): boolean {
  return name.startsWith('.') || name.startsWith('/') || /\.m?js$/.test(name);
}

/** Instantiate the named reporters, in order; unknown names throw a UsageError with a suggestion. */
export async function createReporters(names: string[], opts: ReporterOptions): Promise<Reporter[]> {
  const out: Reporter[] = [];
  for (const raw of names) {
    const name = raw.trim();
    if (!name) continue;
    const Ctor = isModulePath(name) ? await importReporter(name, opts.cwd) : await builtIn(name);
    out.push(new Ctor(opts));
  }
  return out;
}

async function builtIn(name: string): Promise<ReporterClass> {
  const load = Object.hasOwn(BUILT_IN, name) ? BUILT_IN[name] : undefined;
  if (load) return load();
  const guess = closestName(name, BUILT_IN_REPORTERS);
  throw new UsageError(`unknown reporter "${name}"${guess ? ` — did you mean "${guess}"?` : ''}`, {
    code: 'unknown-reporter',
    hint: `use one of ${BUILT_IN_REPORTERS.join(', ')}, or a path to a module such as ./my-reporter.js`,
  });
}

async function importReporter(name: string, cwd: string): Promise<ReporterClass> {
  const file = resolve(cwd, name);
  let mod: { default?: unknown };
  try {
    mod = (await import(pathToFileURL(file).href)) as { default?: unknown };
  } catch (err) {
    const why = err instanceof Error ? err.message : String(err);
    throw new UsageError(
      `cannot load reporter module ${file} (paths are resolved against the working directory): ${why}`,
      {
        code: 'bad-reporter-module',
        cause: err,
        hint: 'the module must be JavaScript (.js/.mjs) with a default-exported class',
      },
    );
  }
  if (typeof mod.default !== 'function') {
    throw new UsageError(
      `reporter module ${file} has no default-exported class (export default class MyReporter { … })`,
      {
        code: 'bad-reporter-module',
        hint: 'write `export default class MyReporter { onRunEnd(result) { … } }`',
      },
    );
  }
  return mod.default as ReporterClass;
}
