/**
 * Replays the ACP interop examples (../shared/interop/acp/examples/*.json: requests with the exact answers,
 * SSE bytes included) against a storm ACP agent named `echo`. Run ids are mapped from the example's to the
 * ones the server creates; ids, timestamps and the server origin are normalised before answers are compared
 * byte for byte; each answer is also validated against the schema the example names.
 */
import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';
import { call, type Answer } from './http.js';
import { ACP_INTEROP, schemaErrors } from './openapi.js';

export interface Exchange {
  case: string;
  request: { method: string; path: string; headers?: Record<string, string>; json?: any };
  response: { status: number; headers: Record<string, string>; json?: any; events?: any[]; body?: string };
  validate?: { request?: string; response?: string; response_each_event?: string };
}

/** The exchanges of examples/<file>.json. */
export function loadExchanges(file: string): Exchange[] {
  return (
    JSON.parse(fs.readFileSync(path.join(ACP_INTEROP, 'examples', `${file}.json`), 'utf8')) as { exchanges: Exchange[] }
  ).exchanges;
}

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;
const TIME = /\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z/g;
/** The id the examples use for a run nobody created. */
export const UNKNOWN_RUN = '00000000-0000-4000-8000-000000000000';

/**
 * `text` with each distinct UUID replaced by <id-N> in order of first appearance (so which fields share an
 * id is still compared), every timestamp by <time>, and any http://127.0.0.1:<port> origin by <origin>.
 */
export function normalise(text: string): string {
  const ids = new Map<string, string>();
  return text
    .replace(UUID, (id) =>
      id === UNKNOWN_RUN ? id : (ids.get(id) ?? (ids.set(id, `<id-${ids.size + 1}>`), ids.get(id)!)),
    )
    .replace(TIME, '<time>')
    .replace(/http:\/\/127\.0\.0\.1:\d+/g, '<origin>');
}

/** The SSE body of some events, framed as the examples frame them. */
export function frame(events: unknown[]): string {
  return events.map((e) => `data: ${JSON.stringify(e)}\n\n`).join('');
}

/** Per-case changes: what storm's agent needs in the request, and what it answers differently (by design). */
export interface Adjust {
  request?: (json: any) => any;
  /** Applied to the expected answer's text (JSON or SSE body) before comparing. */
  expected?: (text: string) => string;
  /** Run before the case, e.g. to make a fresh awaiting run for the example's run id. */
  before?: (replay: Replayer) => Promise<void>;
}

/** Replays exchanges in order against `base`, keeping the example → actual run id mapping. */
export class Replayer {
  readonly ids = new Map<string, string>();

  constructor(readonly base: string) {}

  /** Substitute mapped run ids into a path or request. */
  private mapped(text: string): string {
    return text.replace(UUID, (id) => this.ids.get(id) ?? id);
  }

  /** Learn example → actual run ids from a run (or the first run event) in both answers. */
  learn(expected: Exchange['response'], actual: Answer): void {
    const runOf = (json: any, events: any[] | undefined) => (events ? events.find((e) => e.run)?.run : json)?.run_id;
    const from = runOf(expected.json, expected.events);
    const to = runOf(actual.json, actual.events);
    if (typeof from === 'string' && typeof to === 'string' && from !== UNKNOWN_RUN) this.ids.set(from, to);
  }

  /** Send an exchange's request (adjusted) and return the answer, without checking it. */
  async send(x: Exchange, adjust: Adjust = {}): Promise<Answer> {
    const json =
      x.request.json === undefined
        ? undefined
        : JSON.parse(
            this.mapped(
              JSON.stringify(adjust.request ? adjust.request(structuredClone(x.request.json)) : x.request.json),
            ),
          );
    const headers = { ...x.request.headers };
    delete headers['Content-Type'];
    const answer = await call(this.base, x.request.method, this.mapped(x.request.path), json, headers);
    this.learn(x.response, answer);
    return answer;
  }

  /** Replay one exchange and check its answer against the example. */
  async replay(x: Exchange, adjust: Adjust = {}): Promise<Answer> {
    await adjust.before?.(this);
    const answer = await this.send(x, adjust);
    const label = `${x.case}: ${answer.text.slice(0, 400)}`;
    expect(answer.status, label).toBe(x.response.status);
    expect(answer.contentType, label).toBe(x.response.headers['Content-Type']);
    const edit = adjust.expected ?? ((t: string) => t);
    if (x.response.events) {
      // the example's bytes are its events framed one data: line each, so comparing bytes compares both
      expect(frame(x.response.events)).toBe(x.response.body);
      expect(normalise(answer.text), x.case).toBe(normalise(edit(x.response.body!)));
      for (const event of answer.events!)
        expect(schemaErrors(x.validate!.response_each_event!, event), x.case).toBe('');
    } else {
      expect(normalise(JSON.stringify(answer.json)), x.case).toBe(normalise(edit(JSON.stringify(x.response.json))));
      expect(schemaErrors(x.validate!.response!, answer.json), x.case).toBe('');
    }
    return answer;
  }
}
