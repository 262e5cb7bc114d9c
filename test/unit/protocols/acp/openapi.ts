/**
 * The ACP OpenAPI document (../shared/interop/acp/openapi.yaml, i-am-bee/acp e8299f8), read at run time,
 * as ajv validators for its component schemas. OpenAPI 3.1 is JSON Schema 2020-12, but the document still
 * uses 3.0's `nullable: true`, which 2020-12 ignores: it is rewritten to `anyOf: [schema, {type: null}]`.
 */
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { parse } from 'yaml';
import type { ValidateFunction } from 'ajv';

const require = createRequire(import.meta.url);
const Ajv2020 = require('ajv/dist/2020').default as typeof import('ajv/dist/2020').default;
const addFormats = require('ajv-formats') as (ajv: InstanceType<typeof Ajv2020>) => void;

export const REPO_ROOT = path.resolve(import.meta.dirname, '../../../..');
export const ACP_INTEROP = path.resolve(REPO_ROOT, '../shared/interop/acp');
export const OPENAPI_FILE = path.join(ACP_INTEROP, 'openapi.yaml');
/** Whether the shared interop data is present (CI has it beside the clone). */
export const haveAcpInterop = fs.existsSync(OPENAPI_FILE);

type Json = Record<string, unknown>;

function rewriteNullable(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(rewriteNullable);
  if (!node || typeof node !== 'object') return node;
  const out: Json = {};
  for (const [k, v] of Object.entries(node as Json)) {
    // OpenAPI-only keywords that are not JSON Schema; strict ajv would refuse them
    if (k === 'nullable' || k === 'example') continue;
    out[k] = rewriteNullable(v);
  }
  return (node as Json).nullable === true ? { anyOf: [out, { type: 'null' }] } : out;
}

/** The parsed OpenAPI document. */
export function openapi(): Json {
  return parse(fs.readFileSync(OPENAPI_FILE, 'utf8')) as Json;
}

let ajv: InstanceType<typeof Ajv2020> | undefined;

/** A validator for `components.schemas.<name>` (e.g. `Run`, `Event`, `Error`). */
export function schema(name: string): ValidateFunction {
  if (!ajv) {
    ajv = new Ajv2020({ strict: false, allErrors: true });
    addFormats(ajv);
    const schemas = (openapi().components as Json).schemas;
    ajv.addSchema({ $id: 'acp', components: { schemas: rewriteNullable(schemas) } });
  }
  const validate = ajv.getSchema(`acp#/components/schemas/${name}`);
  if (!validate) throw new Error(`no schema ${name} in ${OPENAPI_FILE}`);
  return validate;
}

/** The schema errors of `value` against `name`, as one readable string ('' when valid). */
export function schemaErrors(name: string, value: unknown): string {
  const validate = schema(name);
  return validate(value) ? '' : JSON.stringify(validate.errors);
}

/**
 * The schema an OpenAPI operation declares for an answer: the `status` response's (or `default`'s)
 * `application/json` schema name, or the `text/event-stream` one when `sse`. Read from the document, so a
 * test of a route checks what the document says about that route rather than a name the test picked.
 */
export function responseSchema(method: string, route: string, status: number, sse = false): string {
  const op = ((openapi().paths as Json)[route] as Json | undefined)?.[method.toLowerCase()] as Json | undefined;
  if (!op) throw new Error(`the OpenAPI has no ${method} ${route}`);
  const responses = op.responses as Json;
  let response = (responses[String(status)] ?? responses.default) as Json;
  if (typeof response.$ref === 'string')
    response = ((openapi().components as Json).responses as Json)[response.$ref.split('/').pop()!] as Json;
  const media = (response.content as Json)[sse ? 'text/event-stream' : 'application/json'] as Json | undefined;
  const ref = (media?.schema as Json | undefined)?.$ref;
  if (typeof ref === 'string') return ref.split('/').pop()!;
  if (media?.schema) return '__inline__';
  throw new Error(`${method} ${route} ${status} declares no ${sse ? 'event stream' : 'JSON'} answer`);
}
