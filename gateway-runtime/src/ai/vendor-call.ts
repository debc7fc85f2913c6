/**
 * One call to an AI vendor through undici's `dispatch`, with a handler instead of a
 * response stream: each body chunk is handed straight to a sink (which writes it to
 * the client), and the vendor is paused while the client's socket is full. Per chunk
 * that saves a Readable push, an async iterator step and two promises, which was most
 * of what a streamed token cost the gateway besides the socket writes.
 *
 * The call is opened in two steps, so a fallback stays possible until a byte has gone
 * to the client: `head()` resolves with the vendor's status and headers (an answer
 * worth retrying elsewhere is then `discard()`ed), `firstChunk()` once the body's
 * first bytes (or its end) came; only then does the caller commit and `stream()`.
 *
 * The vendor frames each event as a chunk of its own, and undici reports each frame
 * separately even when one socket read brought many. Once streaming, the frames of one
 * read are joined (flushed in a microtask, so before anything else runs and without a
 * timer's delay) and go to the sink as one chunk: one write, one chunk on the wire and
 * one read for the client instead of one per event when the vendor is ahead.
 */
import type { IncomingHttpHeaders } from 'node:http';
import type { Dispatcher } from 'undici';

/** Where the body goes once the caller committed to this vendor's answer. */
export interface VendorSink {
  /** A body chunk; false: the vendor is paused until `VendorCall.resume()`. */
  data(chunk: Buffer): boolean;
  end(): void;
  /** The call failed (or was aborted) after the head. */
  error(error: Error): void;
}

/** Most of a discarded answer read to keep its connection for the next call; past it the call is cut. */
const DISCARD_BYTES = 1024 * 1024;

interface Deferred<T> {
  promise: Promise<T>;
  resolve: (value: T) => void;
  reject: (error: Error) => void;
}

function deferred<T>(): Deferred<T> {
  let resolve: (value: T) => void = () => undefined;
  let reject: (error: Error) => void = () => undefined;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  // Either may be left unawaited (a call abandoned for a fallback): never unhandled.
  promise.catch(() => undefined);
  return { promise, resolve, reject };
}

export interface VendorHead {
  statusCode: number;
  headers: IncomingHttpHeaders;
}

export class VendorCall implements Dispatcher.DispatchHandler {
  private controller: Dispatcher.DispatchController | null = null;
  private abortReason: Error | null = null;
  private readonly headDone = deferred<VendorHead>();
  private readonly firstDone = deferred<void>();
  /** Chunks that came before `stream()`: normally the first one only. */
  private early: Buffer[] = [];
  private ended = false;
  private failure: Error | null = null;
  private sink: VendorSink | null = null;
  private discarding = false;
  private discarded = 0;
  /** Frames of the current socket read, not yet given to the sink. */
  private batch: Buffer[] = [];
  private readonly flush = (): void => {
    const batch = this.batch;
    if (batch.length === 0 || !this.sink) return;
    this.batch = [];
    const chunk = batch.length === 1 ? batch[0] : Buffer.concat(batch);
    if (chunk && !this.sink.data(chunk)) this.controller?.pause();
  };

  /** Resolves with the vendor's status and headers; rejects when the call fails before them. */
  head(): Promise<VendorHead> {
    return this.headDone.promise;
  }

  /** Resolves when the first body bytes (or the body's end) arrived; rejects when the call fails before. */
  firstChunk(): Promise<void> {
    return this.firstDone.promise;
  }

  /** Sends the body (what came so far, then the rest as it comes) to `sink`. */
  stream(sink: VendorSink): void {
    this.sink = sink;
    const early = this.early;
    this.early = [];
    let flowing = true;
    for (const chunk of early) flowing = sink.data(chunk) && flowing;
    if (this.failure) sink.error(this.failure);
    else if (this.ended) sink.end();
    else if (!flowing) this.controller?.pause();
  }

  /** Continues a vendor paused by a sink that returned false. */
  resume(): void {
    this.controller?.resume();
  }

  /** Stops the call (the client left, or the answer is not wanted). */
  abort(reason: Error): void {
    this.abortReason ??= reason;
    if (this.controller && !this.controller.aborted) this.controller.abort(reason);
  }

  /** Reads and drops the rest of an answer that will not be used, keeping its connection. */
  discard(): void {
    this.discarding = true;
    this.early = [];
    this.controller?.resume();
  }

  onRequestStart(controller: Dispatcher.DispatchController): void {
    this.controller = controller;
    // Aborted while queued for a connection.
    if (this.abortReason) controller.abort(this.abortReason);
  }

  onResponseStart(
    _controller: Dispatcher.DispatchController,
    statusCode: number,
    headers: IncomingHttpHeaders,
  ): void {
    this.headDone.resolve({ statusCode, headers });
  }

  onResponseData(controller: Dispatcher.DispatchController, chunk: Buffer): void {
    if (this.discarding) {
      this.discarded += chunk.length;
      if (this.discarded > DISCARD_BYTES) controller.abort(new Error('discarded answer too long'));
      return;
    }
    if (this.sink) {
      if (this.batch.push(chunk) === 1) queueMicrotask(this.flush);
      return;
    }
    this.early.push(chunk);
    this.firstDone.resolve();
  }

  onResponseEnd(): void {
    this.ended = true;
    this.firstDone.resolve();
    this.flush();
    this.sink?.end();
  }

  onResponseError(_controller: Dispatcher.DispatchController, error: Error): void {
    this.failure = error;
    this.headDone.reject(error);
    this.firstDone.reject(error);
    // What arrived before the failure still goes out, as it would have unbatched.
    this.flush();
    this.sink?.error(error);
  }
}
