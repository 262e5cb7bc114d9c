/**
 * Reading blobs back (merge-reports, analyze, --baseline): find the `*.blob.json` files a path
 * names, parse them, and refuse anything that is not a blob this storm can read — with the file in
 * the message and the fix in the hint, never a stack trace.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { BLOB_FORMAT, BLOB_SUFFIX, BLOB_VERSION, type BlobDocument } from '../model/blob.js';
import { StormError } from '../model/errors.js';

/** A blob with the file it came from (for messages). */
export interface LoadedBlob {
  file: string;
  doc: BlobDocument;
}

/**
 * The blob files `path` names: the file itself, or the `*.blob.json` files of a directory and of
 * its `blob/` folder (an output directory of `-r blob`, or a folder of downloaded CI artifacts).
 */
export function findBlobFiles(path: string): string[] {
  if (!existsSync(path))
    throw new StormError('bad-stored-run', `${path}: no such file or directory`, {
      hint: 'pass the output directory of a run made with -r blob (or the folder its blob files were downloaded to)',
    });
  if (statSync(path).isFile()) return [path];
  const inDir = (dir: string): string[] =>
    existsSync(dir) && statSync(dir).isDirectory()
      ? readdirSync(dir)
          .filter((f) => f.endsWith(BLOB_SUFFIX))
          .sort()
          .map((f) => join(dir, f))
      : [];
  return [...inDir(path), ...inDir(join(path, 'blob'))];
}

/** Parse and check one blob file. */
export function readBlob(file: string): LoadedBlob {
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new StormError('bad-stored-run', `${file}: not a readable blob (${(err as Error).message})`, {
      hint: 'the file is damaged or incomplete; download it again or re-run that shard with -r blob',
    });
  }
  const doc = data as Partial<BlobDocument> | null;
  if (doc === null || typeof doc !== 'object' || doc.format !== BLOB_FORMAT) {
    throw new StormError('bad-stored-run', `${file}: not a storm blob (no "format": "${BLOB_FORMAT}")`, {
      hint: 'blob files are written by storm test -r blob',
    });
  }
  if (doc.version !== BLOB_VERSION) {
    throw new StormError(
      'bad-stored-run',
      `${file}: blob format version ${String(doc.version)}, this storm reads version ${BLOB_VERSION}`,
      {
        hint: `use the storm version that wrote it (${String(doc.stormVersion)})`,
      },
    );
  }
  if (
    !Array.isArray(doc.suites) ||
    typeof doc.info !== 'object' ||
    doc.info === null ||
    typeof doc.stormVersion !== 'string'
  ) {
    throw new StormError('bad-stored-run', `${file}: a blob without its run info or suites`, {
      hint: 'the file is damaged; re-run that shard with -r blob',
    });
  }
  for (const s of doc.suites) {
    if (
      !s ||
      typeof s.file !== 'string' ||
      !Array.isArray(s.cells) ||
      s.cells.some((c) => !c || typeof c.id !== 'string' || !Array.isArray(c.history))
    ) {
      throw new StormError('bad-stored-run', `${file}: a suite or cell without its id or history`, {
        hint: 'the file is damaged; re-run that shard with -r blob',
      });
    }
  }
  return { file, doc: doc as BlobDocument };
}

/** Every blob under the given paths; a path without any is an error naming it. */
export function readBlobs(paths: string[]): LoadedBlob[] {
  const blobs: LoadedBlob[] = [];
  for (const p of paths) {
    const files = findBlobFiles(p);
    if (files.length === 0) {
      throw new StormError('bad-stored-run', `${p}: no blob files (*${BLOB_SUFFIX}) in it or in ${join(p, 'blob')}`, {
        hint: 'run each shard with -r blob (e.g. storm test --shard 1/3 -r blob,junit) and pass the output directories',
      });
    }
    blobs.push(...files.map(readBlob));
  }
  return blobs;
}
