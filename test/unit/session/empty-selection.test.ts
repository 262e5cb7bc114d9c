/** Filters that select no cell: the usage error and its did-you-mean, without running anything. */
import { describe, expect, it } from 'vitest';
import type { PlannedScenario } from '../../../src/plan/plan.js';
import { emptySelection, nearNames } from '../../../src/session/empty-selection.js';

const scenario = (name: string, protocols: string[]): PlannedScenario =>
  ({ file: `${name}.storm.yaml`, scenario: { name, protocols } }) as unknown as PlannedScenario;
const found = [
  scenario('Fail-storm — 30% of an 8-agent mesh dies', ['json', 'a2a']),
  scenario('Hang — one agent frozen with SIGSTOP', ['json', 'a2a']),
  scenario('Partition — two back-end agents cut off', ['json']),
];
const names = found.map((s) => s.scenario.name);

describe('nearNames', () => {
  it('matches a mistyped piece of a long name at a word start, best first', () => {
    expect(nearNames('Fail-strom', names)).toEqual([names[0]]);
    expect(nearNames('hang', names)).toEqual([names[1]]);
    expect(nearNames('partiton', names)).toEqual([names[2]]);
    expect(nearNames('zebra', names)).toEqual([]);
  });
});

describe('emptySelection', () => {
  it('is undefined without filters, or when a filter selects something', () => {
    expect(emptySelection(found, {})).toBeUndefined();
    expect(emptySelection(found, { name: 'Hang' })).toBeUndefined();
    expect(emptySelection(found, { protocols: ['a2a'] })).toBeUndefined();
    expect(emptySelection([], { name: 'x' })).toBeUndefined(); // nothing loaded: not a filter problem
  });

  it('names the closest scenario when --name matches none', () => {
    const err = emptySelection(found, { name: 'Fail-strom' })!;
    expect(err.code).toBe('usage');
    expect(err.message).toBe(`--name "Fail-strom" matches none of the 3 scenarios found — did you mean "${names[0]}"?`);
  });

  it('lists the protocols the selected scenarios do run when --protocol selects none of them', () => {
    const err = emptySelection(found, { name: 'Partition', protocols: ['a2a'] })!;
    expect(err.message).toBe('--protocol a2a selects no cell: the scenarios matching --name "Partition" run only json');
  });
});
