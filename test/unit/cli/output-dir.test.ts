/** prepareWritableDir: every way an output directory can be unusable is a sentence, never a hang or a throw. */
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { prepareWritableDir } from '../../../src/cli/output-dir.js';

const root = mkdtempSync(join(tmpdir(), 'storm-outdir-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
writeFileSync(join(root, 'a-file'), 'x');

describe('prepareWritableDir', () => {
  it('creates missing parents one level at a time and leaves no probe behind', () => {
    const dir = join(root, 'new/nested/out');
    expect(prepareWritableDir(dir)).toBeUndefined();
    expect(statSync(dir).isDirectory()).toBe(true);
    expect(prepareWritableDir(dir)).toBeUndefined();
  });

  it('an existing file is named as such', () => {
    expect(prepareWritableDir(join(root, 'a-file'))).toBe(`${join(root, 'a-file')} is a file, not a directory`);
  });

  it('a path under a file names the file', () => {
    expect(prepareWritableDir(join(root, 'a-file/sub/dir'))).toBe(
      `${join(root, 'a-file')} is a file, so the directory ${join(root, 'a-file/sub/dir')} cannot be created under it`,
    );
  });

  // Node 20's mkdir(…, { recursive: true }) spins forever on /proc/x; the vitest timeout catches a hang.
  it.skipIf(process.platform !== 'linux')('/proc/x is refused at once, in words', { timeout: 10_000 }, () => {
    expect(prepareWritableDir('/proc/x')).toBe(
      'cannot create the directory /proc/x: the file system does not allow creating it there',
    );
    expect(prepareWritableDir('/proc/x/y/z')).toMatch(/^cannot create the directory \/proc\/x: /);
  });

  it.skipIf(process.platform !== 'linux')('an unwritable place says why (/sys refuses even root)', () => {
    expect(prepareWritableDir('/sys/storm-out')).toMatch(
      /^cannot create the directory \/sys\/storm-out: (permission denied|the file system is read-only)$/,
    );
    expect(prepareWritableDir('/proc/self')).toMatch(/^cannot write in \/proc\/self: /);
  });

  it.skipIf(process.getuid?.() === 0)('a read-only directory (when not running as root)', () => {
    const ro = join(root, 'read-only');
    mkdirSync(ro, { mode: 0o555 });
    expect(prepareWritableDir(ro)).toBe(`cannot write in ${ro}: permission denied`);
  });
});
