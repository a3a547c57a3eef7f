// A request body that counts what the server pulls from it: `size` bytes in chunks of `chunk`, made only when read.
export const CHUNK = 64 * 1024;

export interface CountingBody {
  stream: ReadableStream<Uint8Array>;
  /** Bytes handed to the reader so far. */
  readonly pulled: number;
  /** Whether the reader cancelled the stream (it said it will read no more). */
  readonly cancelled: boolean;
}

export function countingBody(size: number, chunk = CHUNK, fill = 0x20): CountingBody {
  let pulled = 0;
  let cancelled = false;
  const stream = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        const n = Math.min(chunk, size - pulled);
        if (n <= 0) return controller.close();
        pulled += n;
        controller.enqueue(new Uint8Array(n).fill(fill));
      },
      cancel() {
        cancelled = true;
      },
    },
    // Nothing is made ahead of a read: what was pulled is what the server asked for.
    { highWaterMark: 0 },
  );
  return {
    stream,
    get pulled() {
      return pulled;
    },
    get cancelled() {
      return cancelled;
    },
  };
}

/** A streamed (chunked, no content-length) request carrying `body`. */
export function streamedRequest(url: string, method: string, body: CountingBody, headers: Record<string, string> = {}): Request {
  return new Request(url, { method, headers, body: body.stream, duplex: 'half' } as RequestInit & { duplex: 'half' });
}
