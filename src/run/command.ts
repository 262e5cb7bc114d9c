/**
 * How a user's `command:` is started. A command that needs no shell (no quotes, pipes, redirections,
 * variables, globs, `VAR=x` prefixes …) is split with execa's `parseCommandString` (words separated by
 * spaces, `\ ` keeps a space) and run directly, so the process storm records, signals and waits for is
 * the agent itself, not a shell that dies at once on SIGTERM. Anything else still runs through
 * `/bin/sh -c`, whose pid is then the shell's; the whole process group still gets the grace period
 * (agent-process.ts), so the agent's SIGTERM handler runs either way.
 */

/** Characters that mean something to a POSIX shell (a backslash only when it does not escape a space). */
const SHELL_SYNTAX = /[|&;<>()$`"'*?[\]#~{}!\n\r\t]|\\(?! )/;
/** A leading `NAME=value` environment assignment. */
const ASSIGNMENT = /^\s*[A-Za-z_][A-Za-z0-9_]*=/;

/** What to spawn for a command string. */
export type CommandPlan = { shell: false; file: string; args: string[] } | { shell: true; command: string };

/**
 * Split `command` into a program and its arguments when no shell is needed. execa is imported on
 * first use: loading it costs ~0.3 s on a busy machine, which runs without users' agents never need.
 */
export async function planCommand(command: string): Promise<CommandPlan> {
  if (SHELL_SYNTAX.test(command) || ASSIGNMENT.test(command)) return { shell: true, command };
  const { parseCommandString } = await import('execa');
  const argv = parseCommandString(command.trim());
  if (argv.length === 0) return { shell: true, command };
  return { shell: false, file: argv[0], args: argv.slice(1) };
}
