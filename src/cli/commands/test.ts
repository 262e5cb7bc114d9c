/** `storm test`: turn command-line options into a session and run it. */
import { DEFAULT_REPORTERS } from '../../report/registry.js';
import { StormError } from '../../model/errors.js';
import { printError } from '../print-error.js';
import { parseShard } from '../../plan/plan.js';
import { PROTOCOL_NAMES, type ProtocolName } from '../../scenario/types.js';
import { runSession } from '../../session/run-session.js';
import { prepareWritableDir } from '../output-dir.js';
import { parseMinPassRate, parseWorkers } from '../parse-options.js';
import { usageError } from './usage.js';

export interface TestCommandOptions {
  protocol?: string[];
  name?: string;
  seed?: string;
  bail?: string | boolean;
  shard?: string;
  workers?: string;
  repeat?: string;
  minPassRate?: string;
  reporter?: string[];
  outputDir: string;
  list?: boolean;
  baseline?: string;
}

/** Run `storm test`; resolves with the exit code. */
export async function runTestCommand(paths: string[], o: TestCommandOptions): Promise<number> {
  const protocols = o.protocol?.map((p) => p.trim()).filter(Boolean);
  for (const p of protocols ?? []) {
    if (!(PROTOCOL_NAMES as readonly string[]).includes(p))
      return usageError(`unknown protocol "${p}"`, PROTOCOL_NAMES, p);
  }
  if (o.name !== undefined) {
    try {
      new RegExp(o.name);
    } catch {
      return usageError(`--name "${o.name}" is not a valid regular expression`);
    }
  }
  const shard = o.shard ? parseShard(o.shard) : undefined;
  if (typeof shard === 'string') return usageError(shard);
  const num = (v: string | undefined, flag: string, min: number): number | undefined | string => {
    if (v === undefined) return undefined;
    const n = Number(v);
    return Number.isInteger(n) && n >= min ? n : `${flag} expects an integer ≥ ${min}, got "${v}"`;
  };
  const seed = num(o.seed, '--seed', 0);
  const workers = o.workers === undefined ? 1 : parseWorkers(o.workers);
  const repeat = num(o.repeat, '--repeat', 1);
  const bail = o.bail === true ? 1 : num(o.bail === false ? undefined : o.bail, '--bail', 1);
  const minPassRate = o.minPassRate === undefined ? 1 : parseMinPassRate(o.minPassRate);
  for (const v of [seed, repeat, bail, minPassRate]) if (typeof v === 'string') return usageError(v);
  if (typeof workers === 'string' && workers !== 'auto') return usageError(workers);
  if (!o.list) {
    const problem = prepareWritableDir(o.outputDir);
    if (problem) return usageError(`-o ${o.outputDir}: ${problem}; reports need a directory you can write to`);
  }

  try {
    return await runSession({
      paths: paths.length ? paths : ['.'],
      cwd: process.cwd(),
      protocols: protocols as ProtocolName[] | undefined,
      name: o.name,
      seed: seed as number | undefined,
      shard,
      repeat: repeat as number | undefined,
      bail: bail as number | undefined,
      workers: workers as number | 'auto',
      minPassRate: minPassRate as number,
      reporters: o.reporter?.length ? o.reporter : [...DEFAULT_REPORTERS],
      outputDir: o.outputDir,
      argv: process.argv.slice(2),
      list: o.list,
      baseline: o.baseline,
    });
  } catch (err) {
    // A reporter that failed leaves the others' files written; the code decides the exit (ERROR_EXIT).
    if (err instanceof StormError) return printError(err);
    throw err;
  }
}
