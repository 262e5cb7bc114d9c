/** The schema, the raw TypeScript types and the precompiled validator must agree. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { RAW_REQUIRED, RAW_SCHEMA_OBJECTS } from '../../../src/scenario/raw-types.js';
import { PROTOCOL_NAMES, TOOL_KINDS } from '../../../src/scenario/types.js';
// @ts-expect-error plain JS build script
import { generateValidatorSource, OUTPUT_FILE, SCHEMA_FILE } from '../../../scripts/gen-schema-validator.mjs';

type Obj = {
  properties?: Record<string, Obj>;
  required?: string[];
  $ref?: string;
  enum?: string[];
  description?: string;
  items?: Obj;
  additionalProperties?: Obj | boolean;
};
const schema = JSON.parse(readFileSync(SCHEMA_FILE, 'utf8')) as Obj & { $defs: Record<string, Obj> };

function at(pointer: string): Obj {
  return pointer === '' ? schema : schema.$defs[pointer.replace('/$defs/', '')];
}

describe('schemas/storm.schema.json ↔ src/scenario/raw-types.ts', () => {
  for (const [pointer, keys] of Object.entries(RAW_SCHEMA_OBJECTS)) {
    it(`${pointer || '(root)'}: same property names both ways`, () => {
      const node = at(pointer);
      expect(node, `schema has no object at ${pointer}`).toBeDefined();
      expect(Object.keys(node.properties ?? {}).sort()).toEqual(Object.keys(keys).sort());
      expect(node.additionalProperties, 'unknown keys must be errors').toBe(false);
    });
    it(`${pointer || '(root)'}: same required keys`, () => {
      expect([...(at(pointer).required ?? [])].sort()).toEqual(Object.keys(RAW_REQUIRED[pointer] ?? {}).sort());
    });
  }

  it('every object in the schema is covered by a raw type', () => {
    const objects = Object.entries(schema.$defs)
      .filter(([, d]) => d.properties)
      .map(([n]) => `/$defs/${n}`);
    expect(objects.sort()).toEqual(
      Object.keys(RAW_SCHEMA_OBJECTS)
        .filter((p) => p)
        .sort(),
    );
  });

  it('enums match the TypeScript constants', () => {
    expect(schema.$defs.protocol.enum).toEqual([...PROTOCOL_NAMES]);
    expect(schema.$defs.tool.properties!.kind.enum).toEqual([...TOOL_KINDS]);
  });

  it('every property has a description (editor completion)', () => {
    const missing: string[] = [];
    const visit = (node: Obj, where: string): void => {
      for (const [k, p] of Object.entries(node.properties ?? {})) {
        if (!p.description) missing.push(`${where}.${k}`);
      }
    };
    visit(schema, '(root)');
    for (const [n, d] of Object.entries(schema.$defs)) visit(d, n);
    expect(missing).toEqual([]);
  });

  it('the precompiled validator is up to date (run node scripts/gen-schema-validator.mjs)', () => {
    expect(readFileSync(OUTPUT_FILE, 'utf8')).toBe(generateValidatorSource(readFileSync(SCHEMA_FILE, 'utf8')));
  });
});
