/** Reading stored runs back: the run's own outcome from a stored verdict, and damaged input located, not thrown raw. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { StormError } from '../../../src/model/errors.js';
import { readBlob } from '../../../src/session/blob-read.js';
import { readHistory, readStoredRun, runOutcome } from '../../../src/session/stored-run.js';

const dir = mkdtempSync(join(tmpdir(), 'storm-stored-'));
const file = (name: string, text: string) => {
  writeFileSync(join(dir, name), text);
  return join(dir, name);
};
const code = (fn: () => unknown) => {
  try {
    fn();
  } catch (err) {
    return err instanceof StormError ? `${err.code}: ${err.message}` : `not a StormError: ${String(err)}`;
  }
  return 'no error';
};

describe('runOutcome', () => {
  it("keeps only the run's own doubts: harness and baseline doubts are recomputed from the history", () => {
    expect(runOutcome('failed', 'recovery_ms 7310 is not < 5000')).toEqual({ status: 'completed' });
    expect(runOutcome('inconclusive', 'harness overloaded: issue lag p99 83 ms > 50 ms')).toEqual({
      status: 'completed',
    });
    expect(
      runOutcome('inconclusive', 'harness overloaded: x\nagent worker-2 not ready within 10s\nunhealthy baseline: y'),
    ).toEqual({
      status: 'inconclusive',
      reason: 'agent worker-2 not ready within 10s',
    });
  });
});

describe('damaged stored runs', () => {
  it('a bad history line is named by file and line', () => {
    const h = file('h.jsonl', '{"type":"run_end","t":1}\n{"type":"task_issued"\n');
    expect(code(() => readHistory(h))).toMatch(/^bad-stored-run: .*h\.jsonl:2: /);
    expect(code(() => readHistory(file('h2.jsonl', '{"t":1}\n')))).toMatch(/h2\.jsonl:1: not a history event/);
  });

  it('blobs: not JSON, not a blob, another format version', () => {
    expect(code(() => readBlob(file('a.blob.json', '{"format":')))).toMatch(
      /^bad-stored-run: .*a\.blob\.json: not a readable blob/,
    );
    expect(code(() => readBlob(file('b.blob.json', '{"x":1}')))).toMatch(/b\.blob\.json: not a storm blob/);
    expect(
      code(() => readBlob(file('c.blob.json', '{"format":"storm-blob","version":2,"stormVersion":"9.0.0"}'))),
    ).toMatch(/c\.blob\.json: blob format version 2, this storm reads version 1/);
    expect(
      code(() =>
        readBlob(
          file(
            'd.blob.json',
            '{"format":"storm-blob","version":1,"stormVersion":"0.1.0","info":{},"suites":[{"file":"x","cells":[{"id":"x#json"}]}]}',
          ),
        ),
      ),
    ).toMatch(/d\.blob\.json: a suite or cell without its id or history/);
  });

  it("a results.json that is not storm's, or whose history is missing", () => {
    expect(code(() => readStoredRun(file('results.json', '{"version": 7}')))).toMatch(/not a storm results\.json/);
    const r = file(
      'r.json',
      JSON.stringify({
        version: 1,
        run: {},
        suites: [
          {
            file: 'x.storm.yaml',
            scenario: 'x',
            line: 1,
            loadErrors: [],
            cells: [
              {
                id: 'x#json',
                protocol: 'json',
                status: 'passed',
                reason: null,
                files: { history: 'cells/x/json/history.jsonl' },
              },
            ],
          },
        ],
      }),
    );
    expect(code(() => readStoredRun(r))).toMatch(/history\.jsonl: history not found/);
  });
});
