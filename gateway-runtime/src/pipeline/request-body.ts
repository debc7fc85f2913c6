/**
 * The whole request body, for the stages that must buffer it (the AI proxy, which
 * rewrites and meters it, and the sequence engine). Shared so both answer 413 the
 * same way (the socket stays open for the 413) and map a client that left to
 * CLIENT_CLOSED_REQUEST.
 */
import type { IncomingMessage } from 'node:http';
import { GatewayError } from '../errors.js';
import { tooLarge } from './endpoint.js';

/**
 * The client's body, read with listeners rather than an async iterator: the body
 * usually came with the headers, and the iterator's promises and ticks were a
 * measurable part of the time to the vendor call.
 */
export function readRequestBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const declared = req.headers['content-length'];
  if (declared !== undefined && Number(declared) > limit) return Promise.reject(tooLarge(limit));
  // Gone while earlier stages ran: no 'end' or 'close' would come any more.
  if (req.destroyed) return Promise.reject(new GatewayError('CLIENT_CLOSED_REQUEST'));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let total = 0;
    const stop = () => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onGone);
      req.off('close', onClose);
    };
    const onData = (chunk: Buffer) => {
      total += chunk.length;
      if (total > limit) {
        // The rest is left unread (Node discards it): the client can still read the 413.
        stop();
        reject(tooLarge(limit));
      } else chunks.push(chunk);
    };
    const onEnd = () => {
      stop();
      resolve(chunks.length === 1 && chunks[0] ? chunks[0] : Buffer.concat(chunks));
    };
    const onGone = () => {
      stop();
      reject(new GatewayError('CLIENT_CLOSED_REQUEST'));
    };
    const onClose = () => {
      if (!req.complete) onGone();
    };
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onGone);
    req.on('close', onClose);
  });
}
