/**
 * While the live view redraws its region, it owns the terminal: anything else the runner writes to
 * the same terminal (a warning, a stray console.log, stderr) would land inside the region and the next
 * redraw would erase or garble it. Like listr2 and Jest, the owner patches `write` of those streams:
 * whole lines written by others are handed to `outside` (the view prints them above its region, then
 * redraws), a partial line waits for its newline, and the view itself writes through `raw`. `release`
 * puts every stream back and prints what was still waiting.
 */

type Stream = NodeJS.WritableStream;
type Write = Stream['write'];
type Callback = (err?: Error | null) => void;

/** Text of a written chunk, whatever form `write` got it in. */
function chunkText(chunk: unknown, encoding: unknown): string {
  if (typeof chunk === 'string') return chunk;
  const enc = typeof encoding === 'string' ? (encoding as BufferEncoding) : 'utf8';
  return Buffer.from(chunk as Uint8Array).toString(enc);
}

/** Routes other writers' output on `streams` through `outside`, whole lines at a time. */
export class TerminalOwner {
  private readonly originals = new Map<Stream, Write>();
  /** Streams whose `write` was their own property (not their prototype's) before it was patched. */
  private readonly ownWrite = new Set<Stream>();
  private readonly partial = new Map<Stream, string>();

  constructor(
    private readonly streams: readonly Stream[],
    /** Whole lines (ending in `\n`) someone else wrote to `stream`. */
    private readonly outside: (stream: Stream, lines: string) => void,
  ) {}

  /** Start routing. */
  take(): void {
    for (const stream of new Set(this.streams)) {
      if (this.originals.has(stream)) continue;
      const original = stream.write;
      this.originals.set(stream, original);
      if (Object.hasOwn(stream, 'write')) this.ownWrite.add(stream);
      stream.write = ((chunk: unknown, encoding?: unknown, cb?: unknown): boolean => {
        const done = (typeof encoding === 'function' ? encoding : cb) as Callback | undefined;
        this.received(stream, chunkText(chunk, encoding));
        if (done) process.nextTick(done);
        return true;
      }) as Write;
    }
  }

  /** Write to `stream` as the owner, past the routing. */
  raw(stream: Stream, text: string): void {
    if (text === '') return;
    const original = this.originals.get(stream);
    if (original) original.call(stream, text);
    else stream.write(text);
  }

  /** Stop routing: every stream gets its own `write` back, then what waited for a newline is written. */
  release(): void {
    for (const [stream, original] of this.originals) {
      if (this.ownWrite.has(stream)) stream.write = original;
      else delete (stream as Partial<Stream>).write;
    }
    this.originals.clear();
    this.ownWrite.clear();
    for (const [stream, text] of this.partial) if (text) stream.write(text);
    this.partial.clear();
  }

  private received(stream: Stream, text: string): void {
    const pending = (this.partial.get(stream) ?? '') + text;
    const cut = pending.lastIndexOf('\n');
    if (cut < 0) {
      this.partial.set(stream, pending);
      return;
    }
    this.partial.set(stream, pending.slice(cut + 1));
    this.outside(stream, pending.slice(0, cut + 1));
  }
}
