/**
 * Stage 2: validate the raw data against schemas/storm.schema.json (precompiled, see
 * scripts/gen-schema-validator.mjs) and turn each ajv error into an issue at the YAML node that caused it,
 * saying what was expected and, for unknown keys and enum values, what was probably meant.
 */
import type { ErrorObject } from 'ajv';
import { didYouMean } from '../util/did-you-mean.js';
import { own } from '../util/own.js';
import type { IssueSink } from './issues.js';
import validate from './schema-validator.gen.js';
import { DURATION_SHAPE, FRACTION_SHAPE, RATE_SHAPE, describeValue } from './units.js';
import { formatPath, type PathSeg } from './yaml/locate.js';
import { atMost, LIMIT_REASONS, MAX_NAME_LENGTH } from './limits.js';

type SchemaNode = { description?: string; properties?: Record<string, unknown> };
type Validator = ((data: unknown) => boolean) & { errors?: ErrorObject[] | null };

/** `$defs` whose failures read best as one "expected …" sentence, whatever keyword failed. */
const DEF_SHAPES: Record<string, string> = {
  duration: DURATION_SHAPE,
  fraction: FRACTION_SHAPE,
  rate: RATE_SHAPE,
  tolerance: "a share of the baseline's value, such as 20% or 0.2 (above 100% allowed)",
  name: 'a name made of letters, digits, _ and -, starting with a letter',
};

/** Fields whose expected shape is more than a JSON type. */
const FIELD_SHAPES: Record<string, string> = {
  kill: 'a fraction (30% or 0.3), a count (2) or a list of agent ids ([worker-0, worker-3])',
  target: 'an agent id or group name, or a list of them',
  partition: 'a list of sides, e.g. [[worker-0, worker-1], rest]',
  expect: 'an assertion string, or { protocol: <name>, expect: <assertion> }',
};

/** How to add a missing required key. */
const REQUIRED_EXAMPLES: Record<string, string> = {
  name: 'add name: <what this scenario checks>',
  duration: 'add duration: 12s (the whole run)',
  agents: 'add agents: { worker: { count: 4, tool: echoer } }',
  workload: 'add workload: { rate: 10/s, message_flow: [{ from: client, to: worker }] }',
  message_flow: 'add message_flow: [{ from: client, to: worker }, { from: worker, to: client }]',
  kind: 'add kind: echo (shard_lookup, echo, delay, flaky, llm, exec)',
  from: 'add from: client (or a group)',
  to: 'add to: <group> (or client)',
  at: 'add at: 5s (when the fault starts)',
  protocol: 'add protocol: <json|a2a|acp|anp|agora>',
  expect: 'add expect: <assertion>',
};

const TYPE_WORDS: Record<string, string> = {
  string: 'a string',
  integer: 'a whole number',
  number: 'a number',
  array: 'a list',
  object: 'a mapping',
  boolean: 'true or false',
  null: 'nothing',
};

function pointerToPath(pointer: string): PathSeg[] {
  if (!pointer) return [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

function defOf(schemaPath: string): string | undefined {
  return /#\/\$defs\/(\w+)\/[^/]+$/.exec(schemaPath)?.[1];
}

function expectedShape(e: ErrorObject, path: PathSeg[]): string | undefined {
  const def = defOf(e.schemaPath);
  const byDef = def === undefined ? undefined : own(DEF_SHAPES, def);
  if (byDef) return byDef;
  const last = path[path.length - 1];
  const byField = typeof last === 'string' ? own(FIELD_SHAPES, last) : undefined;
  if (byField) return byField;
  if (typeof last === 'number' && path[path.length - 2] === 'expect') return FIELD_SHAPES.expect;
  return undefined;
}

/** Numeric limits the schema states, by field: what is counted and why (src/scenario/limits.ts). */
const FIELD_LIMITS: Record<string, { unit: string; reason: string }> = {
  count: { unit: 'agents', reason: LIMIT_REASONS.agents },
  times: { unit: 'occurrences', reason: LIMIT_REASONS.times },
  ttl: { unit: 'hops', reason: LIMIT_REASONS.ttl },
  concurrency: { unit: 'tasks in flight', reason: LIMIT_REASONS.concurrency },
  faults: { unit: 'faults', reason: LIMIT_REASONS.faults },
};

/** The message of a maximum/maxItems/maxLength error, with the reason for the limit; undefined if none is known. */
function limitMessage(e: ErrorObject, path: PathSeg[]): string | undefined {
  if (!['maximum', 'maxItems', 'maxLength'].includes(e.keyword)) return undefined;
  const limit = (e.params as { limit: number }).limit;
  const def = defOf(e.schemaPath);
  if (def === 'duration') return atMost(`${limit}ms (about 24.8 days)`, describeValue(e.data), LIMIT_REASONS.timer);
  if (def === 'rate') return atMost(`${limit} tasks per second`, describeValue(e.data), LIMIT_REASONS.rate);
  const last = path[path.length - 1];
  const field = typeof last === 'string' ? own(FIELD_LIMITS, last) : undefined;
  if (e.keyword === 'maxLength' && typeof e.data === 'string')
    return `at most ${limit} characters, got ${e.data.length}`;
  if (!field) return undefined;
  const got = Array.isArray(e.data) ? String(e.data.length) : describeValue(e.data);
  return atMost(`${limit} ${field.unit}`, got, field.reason);
}

function where(path: PathSeg[]): string {
  return path.length ? ` in ${formatPath(path)}` : '';
}

/** Report one ajv error; returns nothing, the sink de-duplicates. */
function report(e: ErrorObject, sink: IssueSink): void {
  const path = pointerToPath(e.instancePath);
  const parent = (e.parentSchema ?? {}) as SchemaNode;
  switch (e.keyword) {
    case 'additionalProperties': {
      const key = String((e.params as { additionalProperty: string }).additionalProperty);
      const allowed = Object.keys(parent.properties ?? {});
      sink.add({
        path: [...path, key],
        at: 'key',
        code: 'unknown-key',
        message: `unknown key "${key}"${where(path)}`,
        hint: didYouMean(key, allowed) ?? `allowed keys: ${allowed.join(', ')}`,
      });
      return;
    }
    case 'required': {
      // After a syntax error the parser's recovery may lose keys that are in the file: say nothing yet.
      if (sink.hasSyntaxErrors) return;
      const key = (e.params as { missingProperty: string }).missingProperty;
      const hint =
        own(REQUIRED_EXAMPLES, key) ?? (own(parent.properties ?? {}, key) as SchemaNode | undefined)?.description;
      sink.add({ path, code: 'missing-key', message: `missing required key "${key}"${where(path)}`, hint });
      return;
    }
    case 'propertyNames':
      return; // the nested `pattern` error below names the offending key
    case 'minItems':
    case 'minProperties': {
      const limit = (e.params as { limit: number }).limit;
      sink.add({
        path,
        code: 'too-few',
        message: `expected at least ${limit} ${e.keyword === 'minItems' ? 'item' : 'entry'}${limit === 1 ? '' : 's'}${where(path)}`,
        hint: parent.description,
      });
      return;
    }
    case 'uniqueItems': {
      const { i, j } = e.params as { i: number; j: number };
      sink.add({
        path: [...path, i],
        code: 'duplicate-item',
        message: `items ${j} and ${i} are the same; list each only once`,
      });
      return;
    }
    case 'enum': {
      const allowed = (e.params as { allowedValues: unknown[] }).allowedValues.map(String);
      sink.add({
        path,
        code: 'bad-value',
        message: `expected one of ${allowed.join(', ')}; got ${describeValue(e.data)}`,
        hint: typeof e.data === 'string' ? didYouMean(e.data, allowed) : undefined,
      });
      return;
    }
  }
  const propertyName =
    (e as ErrorObject & { propertyName?: string }).propertyName ?? (e.params as { propertyName?: string }).propertyName;
  if (propertyName !== undefined) {
    const message =
      e.keyword === 'maxLength'
        ? `this name has ${propertyName.length} characters; a name has at most ${MAX_NAME_LENGTH}, because ${LIMIT_REASONS.name}`
        : `"${propertyName}" is not a valid name: expected ${DEF_SHAPES.name}`;
    sink.add({
      path: [...path, propertyName],
      at: 'key',
      code: e.keyword === 'maxLength' ? 'name-too-long' : 'bad-name',
      message,
    });
    return;
  }
  const limit = limitMessage(e, path);
  if (limit !== undefined) {
    sink.add({ path, code: 'over-limit', message: limit });
    return;
  }
  const shape = expectedShape(e, path);
  const def = defOf(e.schemaPath);
  const code =
    def === 'duration'
      ? 'bad-duration'
      : def === 'fraction'
        ? 'bad-fraction'
        : def === 'rate'
          ? 'bad-rate'
          : 'bad-value';
  if (shape) {
    sink.add({ path, code, message: `expected ${shape}, got ${describeValue(e.data)}` });
  } else if (e.keyword === 'type') {
    const types = ([] as string[])
      .concat((e.params as { type: string | string[] }).type)
      .map((t) => own(TYPE_WORDS, t) ?? t);
    sink.add({
      path,
      code: 'bad-type',
      message: `expected ${types.join(' or ')}, got ${describeValue(e.data)}`,
      hint: parent.description,
    });
  } else if (['minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum'].includes(e.keyword)) {
    const { comparison, limit } = e.params as { comparison: string; limit: number };
    sink.add({
      path,
      code,
      message: `expected a number ${comparison} ${limit}, got ${describeValue(e.data)}`,
      hint: parent.description,
    });
  } else {
    sink.add({
      path,
      code,
      message: `${e.message ?? 'invalid value'}, got ${describeValue(e.data)}`,
      hint: parent.description,
    });
  }
}

/** Validate `data` against the scenario schema; every problem goes into `sink`. Returns true when valid. */
export function checkSchema(data: unknown, sink: IssueSink): boolean {
  const v = validate as unknown as Validator;
  if (v(data)) return true;
  for (const e of v.errors ?? []) report(e, sink);
  return false;
}
