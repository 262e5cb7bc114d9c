import { describe, expect, it } from 'vitest';
import { splitCommand } from '../../../src/tools/split-command.js';

describe('splitCommand', () => {
  it('splits on whitespace', () => {
    expect(splitCommand('  python3   tool.py --x 1 ')).toEqual(['python3', 'tool.py', '--x', '1']);
  });
  it('honours single and double quotes and escapes', () => {
    expect(splitCommand(`node -e 'console.log("a b")' "two words" a\\ b ""`)).toEqual([
      'node',
      '-e',
      'console.log("a b")',
      'two words',
      'a b',
      '',
    ]);
    expect(splitCommand('say "he said \\"hi\\""')).toEqual(['say', 'he said "hi"']);
  });
  it('rejects an unterminated quote', () => {
    expect(() => splitCommand(`echo 'oops`)).toThrow(/unterminated/);
  });
});
