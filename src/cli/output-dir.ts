/**
 * Make sure a directory storm will write into exists and is writable, before any work starts: a run
 * that could not write its reports would end as "inconclusive" with a raw errno after minutes of work.
 * Everything here is synchronous and non-recursive on purpose: Node 20's
 * `mkdir(…, { recursive: true })` loops forever on paths such as /proc/x, so each missing directory is
 * created one level at a time and every failure is put into words.
 */
import { mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/** What an errno means for someone choosing an output directory. */
const REASONS: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EROFS: 'the file system is read-only',
  ENOSPC: 'no space left on the device',
  EDQUOT: 'the disk quota is exhausted',
  ENAMETOOLONG: 'the name is too long',
  ELOOP: 'too many symbolic links',
  ENOENT: 'the file system does not allow creating it there',
};

function reasonOf(err: unknown): string {
  const code = (err as NodeJS.ErrnoException).code ?? '';
  return Object.hasOwn(REASONS, code) ? REASONS[code] : (err as Error).message;
}

/** The kind of thing at `path`, without following a failure into an exception. */
function kindOf(path: string): 'directory' | 'other' | 'missing' {
  try {
    return statSync(path).isDirectory() ? 'directory' : 'other';
  } catch {
    return 'missing';
  }
}

/**
 * Create `dir` (and missing parents) and check that a file can be written in it. Returns undefined
 * when it is ready, else a sentence saying what is wrong, for a usage error (exit 2).
 */
export function prepareWritableDir(dir: string, cwd = process.cwd()): string | undefined {
  const target = resolve(cwd, dir);
  const missing: string[] = [];
  let at = target;
  while (kindOf(at) === 'missing' && dirname(at) !== at) {
    missing.unshift(at);
    at = dirname(at);
  }
  if (kindOf(at) === 'other') {
    return at === target
      ? `${dir} is a file, not a directory`
      : `${at} is a file, so the directory ${dir} cannot be created under it`;
  }
  for (const d of missing) {
    try {
      mkdirSync(d);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'EEXIST' && kindOf(d) === 'directory') continue;
      return `cannot create the directory ${d}: ${reasonOf(err)}`;
    }
  }
  const probe = join(target, `.storm-write-check-${process.pid}`);
  try {
    writeFileSync(probe, '');
  } catch (err) {
    return `cannot write in ${dir}: ${reasonOf(err)}`;
  } finally {
    try {
      rmSync(probe, { force: true });
    } catch {
      // the probe could not be written, or is gone already
    }
  }
  return undefined;
}
