/**
 * Does a command's program exist? The first word must resolve on PATH or as a file; for interpreters
 * (`node ./agent.js`, `python3 agent.py`) the script must exist too. Words holding placeholders that are
 * only known at start time ({port}, {workspace}) are not checked.
 */
import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, isAbsolute, join, resolve } from 'node:path';

const INTERPRETERS = new Set(['node', 'python', 'python3', 'bash', 'sh', 'ruby', 'perl', 'deno', 'bun', 'tsx']);
/** Interpreter options that take the next word as their value. */
const OPTION_WITH_VALUE = new Set([
  '-r',
  '--require',
  '--import',
  '--loader',
  '--experimental-loader',
  '--env-file',
  '-W',
  '-X',
]);
/** Options after which the program comes inline (no script file). */
const INLINE = new Set(['-e', '--eval', '-p', '--print', '-c', '-m', '--input-type']);
/** Words that the shell runs the rest of the line with. */
const PREFIXES = new Set(['exec', 'env', 'nice', 'nohup', 'time']);

/** Split into words: whitespace separates, quotes group (no expansion). */
export function splitWords(command: string): string[] {
  const words: string[] = [];
  for (const m of command.matchAll(/"((?:\\.|[^"\\])*)"|'([^']*)'|(\S+)/g)) words.push(m[1] ?? m[2] ?? m[3]);
  return words;
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** Whether `program` (no slash) is an executable on PATH. */
export function onPath(program: string, path = process.env.PATH ?? ''): boolean {
  for (const dir of path.split(delimiter)) {
    if (!dir) continue;
    try {
      accessSync(join(dir, program), constants.X_OK);
      if (isFile(join(dir, program))) return true;
    } catch {
      // not in this directory
    }
  }
  return false;
}

/** A problem with a command: which word, and why. */
export interface CommandProblem {
  word: string;
  message: string;
  hint?: string;
}

/** Check the program (and interpreter script) of `command`, relative paths resolved against `cwd`. */
export function checkCommand(
  command: string,
  cwd: string,
  expand: (word: string) => string[] = (w) => [w],
): CommandProblem | undefined {
  const words = splitWords(command).filter((w) => !/^[A-Za-z_]\w*=/.test(w));
  while (words.length > 1 && PREFIXES.has(words[0])) words.shift();
  const program = words[0];
  if (!program || /\{\w+\}|\$/.test(program)) return undefined;
  if (program.includes('/')) {
    const full = isAbsolute(program) ? program : resolve(cwd, program);
    if (!isFile(full)) return { word: program, message: `program ${program} does not exist (looked for ${full})` };
    try {
      accessSync(full, constants.X_OK);
    } catch {
      return {
        word: program,
        message: `program ${program} is not executable`,
        hint: `chmod +x ${program}, or run it through its interpreter (node ${program})`,
      };
    }
  } else if (!onPath(program)) {
    return {
      word: program,
      message: `program "${program}" is not found on PATH`,
      hint: 'install it, or give a path such as ./my-agent.sh',
    };
  }
  const name = program.split('/').pop() ?? program;
  if (!INTERPRETERS.has(name)) return undefined;
  for (let i = 1; i < words.length; i++) {
    const w = words[i];
    if (INLINE.has(w)) return undefined;
    if (OPTION_WITH_VALUE.has(w)) {
      i++;
      continue;
    }
    if (w.startsWith('-')) continue;
    if (name === 'deno' && w === 'run') continue;
    if (/\{(port|workspace)\}|\$/.test(w)) return undefined;
    for (const script of expand(w)) {
      const full = resolve(cwd, script);
      if (!isFile(full)) return { word: w, message: `script ${script} does not exist (looked for ${full})` };
    }
    return undefined;
  }
  return undefined;
}
