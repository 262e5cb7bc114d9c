/**
 * Split a command line into argv without a shell: whitespace separates, single quotes keep text
 * literally, double quotes keep spaces (backslash escapes `"` and `\` inside them), and a
 * backslash outside quotes escapes the next character. No globbing, variables or pipes.
 */

/** argv of `command`; throws on an unterminated quote. */
export function splitCommand(command: string): string[] {
  const out: string[] = [];
  let cur = '';
  let has = false;
  let quote: "'" | '"' | null = null;
  for (let i = 0; i < command.length; i++) {
    const c = command[i];
    if (quote === "'") {
      if (c === "'") quote = null;
      else cur += c;
    } else if (quote === '"') {
      if (c === '"') quote = null;
      else if (c === '\\' && (command[i + 1] === '"' || command[i + 1] === '\\')) cur += command[++i];
      else cur += c;
    } else if (c === "'" || c === '"') {
      quote = c;
      has = true;
    } else if (c === '\\' && i + 1 < command.length) {
      cur += command[++i];
      has = true;
    } else if (/\s/.test(c)) {
      if (has) out.push(cur);
      cur = '';
      has = false;
    } else {
      cur += c;
      has = true;
    }
  }
  if (quote) throw new Error(`unterminated ${quote} quote in command: ${command}`);
  if (has) out.push(cur);
  return out;
}
