/**
 * One-line renderings of live events, shared by the plain (CI) output and the live task list, so
 * both read the same: `▶ <scenario> [json] starting 8 agents`, `⚡ t=6.00s kill worker-3 (SIGKILL)
 * verified`, `✓ <scenario> [json] 12.3s`.
 */
import type { ReadonlyView } from '../src/model/readonly.js';
import type { ChalkInstance } from 'chalk';
import { sanitizeTerminal as clean } from '../src/report/escape.js';
import { cellLabel, formatSeconds, type StatusCounts } from '../src/report/format.js';
import type { CellInfo, CellResult, CellStatus, FaultTimelineEntry } from '../src/model/results.js';

/** The glyph of each status. */
export const STATUS_MARK: Record<CellStatus, string> = { passed: '✓', failed: '✗', inconclusive: '?', skipped: '○' };

/** Colour a status glyph or word. */
export function paintStatus(c: ChalkInstance, status: CellStatus, text: string): string {
  if (status === 'passed') return c.green(text);
  if (status === 'failed') return c.red(text);
  if (status === 'inconclusive') return c.yellow(text);
  return c.dim(text);
}

/** `<scenario> [json]` or `<scenario> [json #r1]`. */
export function cellTitle(cell: Pick<CellInfo, 'id' | 'scenario' | 'protocol' | 'repeat'>): string {
  return clean(`${cell.scenario} [${cellLabel(cell)}]`);
}

/** `▶ <scenario> [json] starting 8 agents` */
export function startLine(c: ChalkInstance, cell: ReadonlyView<CellInfo>): string {
  return `${c.cyan('▶')} ${cellTitle(cell)} starting ${cell.agents} agent${cell.agents === 1 ? '' : 's'}`;
}

/** `· <scenario> [json] ready — detail` */
export function phaseLine(c: ChalkInstance, cell: ReadonlyView<CellInfo>, phase: string, detail?: string): string {
  return c.dim(`· ${cellTitle(cell)} ${clean(phase)}${detail ? ` — ${clean(detail)}` : ''}`);
}

/** `t=6.00s kill worker-3, worker-5 (SIGKILL) verified` (no glyph). */
export function faultText(c: ChalkInstance, f: ReadonlyView<FaultTimelineEntry>): string {
  const who = f.victims.length ? ` ${clean(f.victims.join(', '))}` : '';
  const signal = f.signal ? ` (${clean(f.signal)})` : '';
  const detail = f.detail ? ` ${clean(f.detail)}` : '';
  const verdict = f.verified ? c.green('verified') : c.red('NOT verified');
  return `t=${(f.t / 1000).toFixed(2)}s ${f.kind}${who}${signal}${detail} ${verdict}`;
}

/** `⚡ t=6.00s kill worker-3, worker-5 (SIGKILL) verified`, with the cell named when cells interleave. */
export function faultLine(
  c: ChalkInstance,
  cell: ReadonlyView<CellInfo>,
  f: ReadonlyView<FaultTimelineEntry>,
  interleaved: boolean,
): string {
  return `${c.yellow('⚡')} ${faultText(c, f)}${interleaved ? c.dim(` — ${cellTitle(cell)}`) : ''}`;
}

/** `✓ <scenario> [json] 12.3s`, plus the reason for anything but a pass. */
export function endLine(c: ChalkInstance, r: ReadonlyView<CellResult>): string {
  const reason = r.status !== 'passed' && r.reason ? c.dim(` — ${clean(firstLine(r.reason))}`) : '';
  return `${paintStatus(c, r.status, STATUS_MARK[r.status])} ${cellTitle(r)} ${c.dim(formatSeconds(r.durationMs))}${reason}`;
}

/** The first line of a possibly multi-line reason (the summary prints all of it). */
export function firstLine(text: string): string {
  const i = text.indexOf('\n');
  return i < 0 ? text : `${text.slice(0, i)} …`;
}

const ORDER: CellStatus[] = ['failed', 'inconclusive', 'skipped', 'passed'];

/** `3 failed, 1 inconclusive, 11 passed, 15 total` (zeros left out, like Jest). */
export function countsLine(c: ChalkInstance, counts: StatusCounts): string {
  const parts = ORDER.filter((s) => counts[s] > 0).map((s) => paintStatus(c, s, `${counts[s]} ${s}`));
  return [...parts, `${counts.total} total`].join(', ');
}
