/**
 * Every field of schemas/storm.schema.json carries `examples` (editors show them on hover and in
 * completion), and every example is valid against the field's own schema — an example that the
 * loader would reject is worse than none.
 */
import { readFileSync } from 'node:fs';
import Ajv2020 from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
// @ts-expect-error plain JS build script
import { SCHEMA_FILE } from '../../../scripts/gen-schema-validator.mjs';

type Node = { properties?: Record<string, Node>; examples?: unknown[]; $defs?: Record<string, Node> };
const schema = JSON.parse(readFileSync(SCHEMA_FILE, 'utf8')) as Node & { $id: string };

/** JSON pointers of every property and every $defs entry. */
function fields(): string[] {
  const out: string[] = [];
  const props = (node: Node, at: string) => {
    for (const [k, v] of Object.entries(node.properties ?? {})) {
      out.push(`${at}/properties/${k}`);
      props(v, `${at}/properties/${k}`);
    }
  };
  props(schema, '');
  for (const [k, v] of Object.entries(schema.$defs ?? {})) {
    out.push(`/$defs/${k}`);
    props(v, `/$defs/${k}`);
  }
  return out;
}

const nodeAt = (pointer: string): Node =>
  pointer
    .split('/')
    .slice(1)
    .reduce<Node>((n, key) => (n as Record<string, Node>)[key], schema);

describe('schema examples', () => {
  const ajv = new Ajv2020.default({ allErrors: true, strict: false });
  ajv.addSchema(schema);

  it.each(fields())('%s has examples, each valid against it', (pointer) => {
    const node = nodeAt(pointer);
    expect(node.examples, `${pointer} has no examples`).toBeDefined();
    expect(node.examples!.length).toBeGreaterThan(0);
    const validate = ajv.compile({ $ref: `${schema.$id}#${pointer}` });
    for (const ex of node.examples!) {
      expect(validate(ex), `${JSON.stringify(ex)}: ${ajv.errorsText(validate.errors)}`).toBe(true);
    }
  });

  it('an invalid example is caught (the check can fail)', () => {
    const validate = ajv.compile({ $ref: `${schema.$id}#/$defs/duration` });
    expect(validate('6 seconds')).toBe(false);
  });
});
