/**
 * The part of the Fetch API's Response that the A2A SDK's client reads (`ok`, `status`, `statusText`,
 * `headers.get`/`forEach`, `text()`, `json()`, and `body` for an event stream), over a body already
 * read into memory. Node's own Response lives in undici, and merely touching the global loads it:
 * ≈ 47 ms of CPU and 9 MB of private memory in every process that does (bench/agent-spawn.mjs,
 * docs/benchmarks.md), which every a2a agent's start and restart paid for its first exchange.
 */

/** Response headers: case-insensitive names, repeated fields joined with ", " as Headers does. */
export class ResponseHeaders {
  private readonly map = new Map<string, string>();

  constructor(pairs: readonly (readonly [string, string])[]) {
    for (const [name, value] of pairs) {
      const key = name.toLowerCase();
      const had = this.map.get(key);
      this.map.set(key, had === undefined ? value : `${had}, ${value}`);
    }
  }

  get(name: string): string | null {
    return this.map.get(name.toLowerCase()) ?? null;
  }

  has(name: string): boolean {
    return this.map.has(name.toLowerCase());
  }

  /** Like Headers: (value, name), names in lower case, sorted. */
  forEach(fn: (value: string, name: string, headers: ResponseHeaders) => void): void {
    for (const [name, value] of this.entries()) fn(value, name, this);
  }

  entries(): IterableIterator<[string, string]> {
    return [...this.map].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))[Symbol.iterator]();
  }

  [Symbol.iterator](): IterableIterator<[string, string]> {
    return this.entries();
  }
}

/** A response whose body has been read whole; its body can be consumed once, as fetch's can. */
export class BufferedResponse {
  readonly ok: boolean;
  readonly headers: ResponseHeaders;
  private used = false;
  private stream: ReadableStream<Uint8Array> | undefined;

  constructor(
    private readonly bytes: Buffer | null,
    readonly status: number,
    readonly statusText: string,
    headers: readonly (readonly [string, string])[],
    readonly url: string,
  ) {
    this.ok = status >= 200 && status <= 299;
    this.headers = new ResponseHeaders(headers);
  }

  get bodyUsed(): boolean {
    return this.used;
  }

  /**
   * The body as a web stream (the SDK reads event streams this way), or null without one. The same
   * stream on every access; the body counts as used once the stream is read.
   */
  get body(): ReadableStream<Uint8Array> | null {
    if (this.bytes === null) return null;
    this.stream ??= new ReadableStream<Uint8Array>(
      {
        pull: (controller) => {
          const bytes = this.take();
          if (bytes.length > 0) controller.enqueue(new Uint8Array(bytes));
          controller.close();
        },
      },
      { highWaterMark: 0 },
    );
    return this.stream;
  }

  async text(): Promise<string> {
    return this.take().toString('utf8');
  }

  async json(): Promise<unknown> {
    return JSON.parse(await this.text());
  }

  private take(): Buffer {
    if (this.used) throw new TypeError('Body is unusable: Body has already been read');
    this.used = true;
    return this.bytes ?? Buffer.alloc(0);
  }
}
