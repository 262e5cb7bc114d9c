/** The trap check on parsed data: values YAML turned into mappings where the user meant a string. */
import { asMap, type Ctx } from './read.js';
import { expectMappingMessage, findPlaceholderTrap, placeholderMessage } from './traps.js';
import { positionOf, type PathSeg } from './yaml/locate.js';

function placeholderTrapAt(ctx: Ctx, lines: string[], path: PathSeg[], key: string): void {
  const { line } = positionOf(ctx.doc, ctx.lc, path, 'key');
  const found = findPlaceholderTrap(lines[line - 1] ?? '');
  const trap = found && found.key === key ? found : { key, value: '{index}' };
  ctx.sink.add({ path, at: 'key', code: 'yaml-unquoted-placeholder', ...placeholderMessage(trap) });
}

function expectTrapAt(ctx: Ctx, path: PathSeg[], value: Record<string, unknown>): void {
  const entries = Object.entries(value);
  if (entries.length !== 1) return;
  const [k, v] = entries[0];
  ctx.sink.add({ path, code: 'yaml-expect-mapping', ...expectMappingMessage(k, v) });
}

/** Report data/command templates and expect items that arrived as mappings. */
export function checkValueTraps(ctx: Ctx, data: Record<string, unknown>, lines: string[]): void {
  for (const [name, g] of Object.entries(asMap(data.agents) ?? {})) {
    for (const key of ['data', 'command']) {
      if (asMap(asMap(g)?.[key])) placeholderTrapAt(ctx, lines, ['agents', name, key], key);
    }
  }
  for (const [name, t] of Object.entries(asMap(data.tools) ?? {})) {
    if (asMap(asMap(t)?.command)) placeholderTrapAt(ctx, lines, ['tools', name, 'command'], 'command');
  }
  const expect = Array.isArray(data.expect) ? data.expect : [];
  expect.forEach((item, i) => {
    const m = asMap(item);
    if (!m) return;
    const keys = Object.keys(m);
    if (keys.some((k) => k !== 'protocol' && k !== 'expect')) expectTrapAt(ctx, ['expect', i], m);
    else if (asMap(m.expect)) expectTrapAt(ctx, ['expect', i, 'expect'], m.expect as Record<string, unknown>);
  });
}
