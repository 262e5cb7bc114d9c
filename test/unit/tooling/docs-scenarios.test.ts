/**
 * The scenarios in docs/writing-scenarios.md (YAML blocks starting with `# file: <name>`) load without
 * a single issue, and the mistakes the guide warns about are really rejected — a tutorial that does
 * not load, or a warning about something storm accepts, misleads the reader it is for.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadScenarioText } from '../../../src/scenario/index.js';

const ROOT = resolve(import.meta.dirname, '../../..');
const guide = readFileSync(join(ROOT, 'docs/writing-scenarios.md'), 'utf8');
const blocks = [...guide.matchAll(/```yaml\n(# file: (\S+)\n[\s\S]*?)```/g)].map((m) => ({ name: m[2], text: m[1] }));

describe('docs/writing-scenarios.md', () => {
  it('has the tutorial scenario', () => {
    expect(blocks.map((b) => b.name)).toContain('echo-kill.storm.yaml');
  });

  it.each(blocks)('$name loads without issues', ({ name, text }) => {
    const r = loadScenarioText(join(ROOT, 'docs', name), text);
    expect(r.issues).toEqual([]);
    expect(r.scenario?.faults).toHaveLength(1);
  });

  const tutorial = blocks.find((b) => b.name === 'echo-kill.storm.yaml')!.text;
  it.each([
    ['a unit apart from its number', ['  - recovery_ms < 3s', '  - recovery_ms < 3 s'], 'recovery_ms < 3s'],
    [
      'a flat partition',
      ['  - { at: 4s, kill: 1, of: node, restart_after: 1s }', '  - { at: 4s, for: 1s, partition: [node-0, node-1] }'],
      '[[node-0, node-1], rest]',
    ],
    [
      'a colon in a selector',
      ['  - success_rate{phase=pre} >= 0.95', '  - success_rate{phase: pre} >= 0.95'],
      'phase=pre',
    ],
  ])('rejects %s, as the guide says, and shows the fix', (_, [from, to], fix) => {
    expect(tutorial).toContain(from);
    const r = loadScenarioText(join(ROOT, 'docs', 'x.storm.yaml'), tutorial.replace(from, to));
    expect(r.scenario).toBeFalsy();
    expect(r.issues.map((i) => `${i.message} ${i.hint ?? ''}`).join('\n')).toContain(fix);
  });
});
