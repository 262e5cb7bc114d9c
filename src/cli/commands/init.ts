/** `storm init [dir]`: write a commented starter scenario that validates, never over an existing file. */
import { writeFile } from 'node:fs/promises';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { schemaFilePath } from '../../scenario/schema-path.js';
import { EXIT } from '../../model/exit-codes.js';
import { prepareWritableDir } from '../output-dir.js';
import { starterScenario } from './init-template.js';

/** File name of the starter scenario. */
export const STARTER_NAME = 'example.storm.yaml';

/** How the starter refers to the schema: relative when both share more than the filesystem root. */
export function schemaRefFrom(dir: string, schema = schemaFilePath()): string {
  const rel = relative(dir, schema);
  const common = rel.split(sep).filter((s) => s === '..').length;
  const depth = resolve(dir).split(sep).filter(Boolean).length;
  if (isAbsolute(rel) || common >= depth) return schema;
  return rel.split(sep).join('/');
}

/** Run `storm init`; resolves with the exit code. */
export async function runInitCommand(dir: string): Promise<number> {
  const target = resolve(dir, STARTER_NAME);
  const problem = prepareWritableDir(dir);
  if (problem) {
    process.stderr.write(`storm init: ${problem}; give a directory you can write to\n`);
    return EXIT.usage;
  }
  try {
    await writeFile(target, starterScenario(schemaRefFrom(dirname(target))), { flag: 'wx' });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') {
      process.stderr.write(
        `${join(dir, STARTER_NAME)} already exists; storm init never overwrites a file (move it away or pick another directory)\n`,
      );
      return EXIT.usage;
    }
    process.stderr.write(`cannot write ${target}: ${(err as Error).message}\n`);
    return EXIT.usage;
  }
  const shown = join(dir, STARTER_NAME);
  process.stdout.write(`wrote ${shown}\nnext: storm validate ${shown} && storm test ${shown}\n`);
  return EXIT.ok;
}
