#!/usr/bin/env node
/**
 * storm's command line: parses arguments and hands off to one command module. Nothing else lives
 * here; every command returns its exit code (SPEC §5) and this file calls process.exit with it.
 */
import { printError } from './print-error.js';
import { Command, Option } from 'commander';
import { STORM_VERSION } from '../version.js';
import { EXIT } from '../model/exit-codes.js';

const program = new Command();
program
  .name('storm')
  .description('Fault-tolerance tests for multi-agent systems: real agent processes, real kills, measured recovery.')
  .version(STORM_VERSION)
  .showHelpAfterError('(run storm --help for usage)')
  .exitOverride();

const collect = (value: string, previous: string[] = []): string[] => [...previous, ...value.split(',')];

program
  .command('test')
  .description('discover **/*.storm.yaml under paths (default: .), run every cell, report')
  .argument('[paths...]', 'files or directories')
  .option('-p, --protocol <names>', 'only these protocols (comma-separated, repeatable)', collect)
  .option('-t, --name <regex>', 'only scenarios whose name matches')
  .option('--seed <n>', 'override every seed')
  .option('--bail [n]', 'stop after n failed cells (default 1)')
  .option('--shard <i/n>', 'run a stable 1/n slice of the cells, balanced by planned duration')
  .option(
    '--workers <n|auto>',
    'cells in parallel; auto = only while measured CPU headroom allows (default 1: keeps timings honest)',
  )
  .option('--repeat <n>', 'run each cell n times with seeds seed, seed+1, …: pass rate, spread, flakiness')
  .option('--min-pass-rate <p>', 'a repeated cell passes when at least this share of its runs passed, 0..1 (default 1)')
  .option('-r, --reporter <name>', 'console | junit | json | html | github | blob | ./module.js (repeatable)', collect)
  .option('-o, --output-dir <dir>', 'where reports go', 'storm-report')
  .option(
    '--baseline <results.json|dir>',
    "compare with a stored run; fail on regressions beyond the scenario's regression: tolerances",
  )
  .option('--list', 'print the cells that would run, run nothing')
  .action(async (paths: string[], opts) => {
    const { runTestCommand } = await import('./commands/test.js');
    const code = await runTestCommand(paths, opts);
    // Reports are written and every agent is stopped: exit now, even if an interrupted cell left a
    // timer behind (a readiness poll, a task's deadline) that would keep the process up for its full wait.
    await Promise.all([process.stdout, process.stderr].map((s) => new Promise((resolve) => s.write('', resolve))));
    process.exit(code);
  });

program
  .command('merge-reports')
  .description('merge shard outputs (-r blob) into one set of reports, as if one run made them')
  .argument('<dirs...>', 'output directories (or folders of downloaded *.blob.json files) of the shards')
  .option('-r, --reporter <name>', 'console | junit | json | html | github | blob | ./module.js (repeatable)', collect)
  .option('-o, --output-dir <dir>', 'where the merged reports go', 'storm-report')
  .action(async (dirs: string[], opts) => {
    const { runMergeReportsCommand } = await import('./commands/merge-reports.js');
    process.exitCode = await runMergeReportsCommand(dirs, opts);
  });

program
  .command('analyze')
  .description("recompute metrics from a stored run's histories and re-judge the (possibly edited) scenario")
  .argument('<path>', 'a storm test output directory, its results.json, a blob, or one history.jsonl')
  .option('--scenario <file>', 'judge with this scenario file instead of the one the run used')
  .option('-r, --reporter <name>', 'console | junit | json | html | github | blob | ./module.js (repeatable)', collect)
  .option('-o, --output-dir <dir>', "where the new reports go (not the stored run's directory)", 'storm-analysis')
  .action(async (path: string, opts) => {
    const { runAnalyzeCommand } = await import('./commands/analyze.js');
    process.exitCode = await runAnalyzeCommand(path, opts);
  });

program
  .command('validate')
  .description('parse + schema + semantic checks only')
  .argument('[paths...]', 'files or directories')
  .action(async (paths: string[]) => {
    const { runValidateCommand } = await import('./commands/validate.js');
    process.exitCode = await runValidateCommand(paths);
  });

program
  .command('plan')
  .description('print the resolved timeline per protocol (victims, times, thresholds)')
  .argument('<file>', 'a scenario file')
  .option('-p, --protocol <names>', 'only these protocols', collect)
  .option('--seed <n>', 'override the seed')
  .option('--repeat <n>', 'show each of n repeats (seed, seed+1, …)')
  .action(async (file: string, opts) => {
    const { runPlanCommand } = await import('./commands/plan.js');
    process.exitCode = await runPlanCommand(file, opts);
  });

program
  .command('init')
  .description('write a commented starter scenario')
  .argument('[dir]', 'target directory', '.')
  .action(async (dir: string) => {
    const { runInitCommand } = await import('./commands/init.js');
    process.exitCode = await runInitCommand(dir);
  });

program
  .command('agent')
  .description('run one built-in agent (debugging, interop)')
  .addOption(new Option('--protocol <p>', 'json | a2a | acp | anp | agora').default('json'))
  .option('--tool <kind>', 'tool kind: shard_lookup | echo | delay | flaky | llm | exec', 'echo')
  .option('--port <n>', 'port on 127.0.0.1 (0 = any free port)', '0')
  .option('--id <id>', 'agent id', 'agent-0')
  .option('--data <file>', 'data file for shard_lookup / llm stub')
  .option('--workspace <dir>', 'private directory (default: a temp dir)')
  .option('--peers <json>', 'JSON [{"id","url"}] of peers')
  .action(async (opts) => {
    const { runAgentCommand } = await import('./commands/agent.js');
    process.exitCode = await runAgentCommand(opts);
  });

try {
  await program.parseAsync(process.argv);
} catch (err) {
  const e = err as { code?: string; exitCode?: number; message?: string };
  if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help') {
    process.exitCode = EXIT.ok;
  } else if (e.code?.startsWith('commander.')) {
    process.exitCode = EXIT.usage;
  } else {
    // A StormError prints as one line with its hint; anything else is a bug and keeps its stack.
    process.exitCode = printError(err);
  }
}
