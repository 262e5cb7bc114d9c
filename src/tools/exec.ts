/**
 * `exec`: runs the user's `command` once per message, without a shell, in the agent's workspace:
 * the message content on stdin, the reply is stdout; a non-zero exit or running past the send
 * timeout is an error reply (the process is killed). Arguments starting with `./` or `../` are
 * paths of the scenario's folder (`command: "python3 ./answer.py"`), so they resolve against it.
 */
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import type { ToolSpec } from '../scenario/types.js';
import { splitCommand } from './split-command.js';
import type { Tool } from './types.js';

/** Error replies carry at most this much of stderr. */
const STDERR_LIMIT = 500;

/** Run argv with `input` on stdin; resolves with stdout. */
export function runCommand(argv: string[], input: string, cwd: string, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(argv[0], argv.slice(1), { cwd, shell: false, stdio: ['pipe', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutMs);
    child.stdout.on('data', (c: Buffer) => out.push(c));
    child.stderr.on('data', (c: Buffer) => err.push(c));
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(new Error(`exec ${argv[0]}: ${e.message}`));
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (timedOut) return reject(new Error(`exec ${argv[0]}: no result within ${timeoutMs} ms`));
      if (code !== 0) {
        const why = Buffer.concat(err).toString('utf8').trim().slice(0, STDERR_LIMIT);
        return reject(new Error(`exec ${argv[0]}: exit ${code ?? signal}${why ? `: ${why}` : ''}`));
      }
      resolve(Buffer.concat(out).toString('utf8'));
    });
    // A command that ignores stdin closes it early; that is not an error.
    child.stdin.on('error', () => {});
    child.stdin.end(input);
  });
}

/** Build an exec tool. */
export function createExecTool(spec: ToolSpec): Tool {
  if (!spec.command) throw new Error(`exec tool "${spec.name}": command is required`);
  const argv = splitCommand(spec.command);
  if (argv.length === 0) throw new Error(`exec tool "${spec.name}": command is empty`);
  return {
    run: (msg, ctx) => {
      const base = ctx.baseDir;
      const args = base ? argv.map((a) => (a.startsWith('./') || a.startsWith('../') ? resolve(base, a) : a)) : argv;
      return runCommand(args, msg.content, ctx.workspace, ctx.sendTimeoutMs);
    },
  };
}
