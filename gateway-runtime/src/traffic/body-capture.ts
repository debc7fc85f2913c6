/**
 * Keeps the first bytes of a body as it streams past, counting the rest, without
 * buffering the whole body or changing how the stream flows.
 */
import type { CapturedBody } from './types.js';

const textual =
  /^(text\/|application\/([\w.+-]*\+)?(json|xml|javascript|x-www-form-urlencoded|graphql|yaml|x-ndjson)\b)/i;

/** True for content types a person reads as text. */
export function isTextual(contentType: string | undefined): boolean {
  return contentType === undefined || contentType === '' || textual.test(contentType.trim());
}

export class BodyCapture {
  private readonly chunks: Buffer[] = [];
  private kept = 0;
  private seen = 0;

  constructor(private readonly maxBytes: number) {}

  add(chunk: unknown, encoding?: BufferEncoding): void {
    let buffer: Buffer;
    if (Buffer.isBuffer(chunk)) buffer = chunk;
    else if (typeof chunk === 'string') buffer = Buffer.from(chunk, encoding ?? 'utf8');
    else if (chunk instanceof Uint8Array)
      buffer = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    else return;
    this.seen += buffer.length;
    const room = this.maxBytes - this.kept;
    if (room <= 0) return;
    const part = buffer.length > room ? buffer.subarray(0, room) : buffer;
    // Copy: the stream may reuse its buffer after the write.
    this.chunks.push(Buffer.from(part));
    this.kept += part.length;
  }

  /** The captured body, or null when there was none. */
  result(contentType: string | undefined): CapturedBody | null {
    if (this.seen === 0) return null;
    const bytes = Buffer.concat(this.chunks, this.kept);
    const asText = isTextual(contentType);
    return {
      size: this.seen,
      text: asText ? bytes.toString('utf8') : bytes.toString('base64'),
      encoding: asText ? 'utf8' : 'base64',
      truncated: this.seen > this.kept,
    };
  }
}
