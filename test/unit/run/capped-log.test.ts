/** An agent's log is capped; the output past the cap is read (the agent never blocks) and counted. */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { CappedLog, DEFAULT_LOG_CAP_BYTES, logCapBytes } from '../../../src/run/capped-log.js';

const flush = () => new Promise((r) => setImmediate(r));

describe('CappedLog', () => {
  it('writes both streams up to the cap, then drops and says how much', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'storm-log-')), 'agent.log');
    const log = new CappedLog(path, 100);
    const out = new PassThrough();
    const err = new PassThrough();
    log.attach(out);
    log.attach(err);
    out.write('a'.repeat(60));
    err.write('b'.repeat(60));
    out.write('c'.repeat(30));
    await flush();
    log.close();
    const text = readFileSync(path, 'utf8');
    expect(text.startsWith(`${'a'.repeat(60)}${'b'.repeat(40)}\n`)).toBe(true);
    expect(text).toContain('capped at 100 bytes; 50 more bytes of output were dropped');
  });

  it('adds nothing when the output fits', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'storm-log-')), 'agent.log');
    const log = new CappedLog(path, 100);
    const out = new PassThrough();
    log.attach(out);
    out.write('hello\n');
    await flush();
    log.close();
    expect(readFileSync(path, 'utf8')).toBe('hello\n');
  });

  it('reads STORM_AGENT_LOG_BYTES', () => {
    expect(logCapBytes({})).toBe(DEFAULT_LOG_CAP_BYTES);
    expect(logCapBytes({ STORM_AGENT_LOG_BYTES: '4096' })).toBe(4096);
    expect(logCapBytes({ STORM_AGENT_LOG_BYTES: '0' })).toBe(DEFAULT_LOG_CAP_BYTES);
  });
});
