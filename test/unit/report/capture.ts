/** A writable stream that records what reporters print, optionally pretending to be a terminal. */
import { Writable } from 'node:stream';

/** Collects written text; `isTTY` decides whether the console reporter goes live and uses colour. */
export class CaptureStream extends Writable {
  text = '';
  readonly columns = 160;
  readonly rows = 50;

  constructor(readonly isTTY = false) {
    super();
  }

  override _write(chunk: Buffer | string, _enc: BufferEncoding, done: () => void): void {
    this.text += chunk.toString();
    done();
  }
}

/** Remove ANSI escape sequences. */
export function stripAnsi(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/\u001b\[[0-9;?]*[ -/]*[@-~]/g, '');
}
