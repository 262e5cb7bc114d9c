/**
 * Reports are written atomically (SPEC §6): a reader (CI, a browser, a half-finished Ctrl-C) sees
 * either the previous file or the complete new one, never a truncated one. The temp file sits in
 * the target's directory because rename is only atomic within one file system.
 */
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

const tmpPath = (path: string): string => `${path}.${process.pid}.tmp`;

/** Write `data` to `path` via `<path>.<pid>.tmp` + rename, creating parent directories. */
export async function writeFileAtomic(path: string, data: string | Uint8Array): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const tmp = tmpPath(path);
  try {
    await writeFile(tmp, data);
    await rename(tmp, path);
  } catch (err) {
    await rm(tmp, { force: true });
    throw err;
  }
}

/** Synchronous twin of writeFileAtomic, for exit handlers where the event loop may not turn again. */
export function writeFileAtomicSync(path: string, data: string | Uint8Array): void {
  mkdirSync(dirname(path), { recursive: true });
  const tmp = tmpPath(path);
  try {
    writeFileSync(tmp, data);
    renameSync(tmp, path);
  } catch (err) {
    rmSync(tmp, { force: true });
    throw err;
  }
}
