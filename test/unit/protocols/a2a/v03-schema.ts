/**
 * The A2A v0.3 JSON Schema (draft-07) from ../shared/interop/a2a/, read at run time and never copied
 * into the repository. Tests that use it skip cleanly (`describe.skipIf(!HAVE_V03_SCHEMA)`) where the
 * shared folder is absent.
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Ajv } from 'ajv';

const ROOT = resolve(import.meta.dirname, '../../../..');
export const INTEROP_A2A = resolve(ROOT, '../shared/interop/a2a');
const SCHEMA = resolve(INTEROP_A2A, 'v0.3/a2a.json');
export const HAVE_V03_SCHEMA = existsSync(SCHEMA);

let ajv: Ajv | undefined;

/**
 * Errors of `value` against `definitions/<name>` of the v0.3 schema, as readable strings; [] = valid.
 * strict: false because the published schema uses keywords ajv's strict mode does not know.
 */
export function v03Errors(name: string, value: unknown): string[] {
  if (!ajv) {
    ajv = new Ajv({ strict: false, allErrors: true });
    ajv.addSchema({ ...JSON.parse(readFileSync(SCHEMA, 'utf8')), $id: 'a2a-v03' });
  }
  const validate = ajv.getSchema(`a2a-v03#/definitions/${name}`);
  if (!validate) throw new Error(`no definition ${name} in the A2A v0.3 schema`);
  return validate(value)
    ? []
    : (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''} ${JSON.stringify(e.params)}`);
}

/** The example exchanges and cards shipped beside the schema. */
export function interopExample<T = unknown>(file: string): T {
  return JSON.parse(readFileSync(resolve(INTEROP_A2A, 'examples', file), 'utf8')) as T;
}
