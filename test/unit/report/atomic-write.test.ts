import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeFileAtomic, writeFileAtomicSync } from '../../../src/report/atomic-write.js';

describe('writeFileAtomic', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'storm-atomic-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('creates parent directories, replaces the file and leaves no temp file', async () => {
    const file = join(dir, 'a/b/report.txt');
    await writeFileAtomic(file, 'one');
    await writeFileAtomic(file, 'two');
    expect(readFileSync(file, 'utf8')).toBe('two');
    expect(readdirSync(join(dir, 'a/b'))).toEqual(['report.txt']);
  });

  it('has a synchronous twin for exit handlers', () => {
    const file = join(dir, 'x/sync.json');
    writeFileAtomicSync(file, '{}');
    writeFileAtomicSync(file, Buffer.from('[1]'));
    expect(readFileSync(file, 'utf8')).toBe('[1]');
    expect(readdirSync(join(dir, 'x'))).toEqual(['sync.json']);
  });

  it('keeps the old content and cleans up when the rename fails', async () => {
    const target = join(dir, 'taken');
    mkdirSync(target);
    writeFileSync(join(target, 'keep'), 'x');
    await expect(writeFileAtomic(target, 'data')).rejects.toThrow();
    expect(() => writeFileAtomicSync(target, 'data')).toThrow();
    expect(readdirSync(dir)).toEqual(['taken']);
    expect(readFileSync(join(target, 'keep'), 'utf8')).toBe('x');
  });
});
