/**
 * How a run fails. Catalogue errors (GatewayError: SEQUENCE_LIMIT, BACKEND_TIMEOUT,
 * ...) and `fault` steps (SequenceFault: the author's own code, message and status)
 * both end as the JSON error body `{ code, message, description }`.
 */
import { errorBody, errorCatalogue, GatewayError, type ErrorCode } from '../errors.js';
import type { HeaderMap } from './types.js';

/** Raised by a `fault` step; the body carries the step's code and message. */
export class SequenceFault extends GatewayError {
  constructor(
    /** The step's code, sent as the body's `code`. */
    readonly faultCode: string,
    /** The step's rendered message. */
    readonly faultMessage: string,
    /** The step's status (default 500). */
    readonly faultStatus: number,
    description: string,
  ) {
    super('SEQUENCE_FAULT', description);
    this.name = 'SequenceFault';
  }
}

/** A catalogue error raised inside a run. */
export function runError(code: ErrorCode, description: string): GatewayError {
  return new GatewayError(code, description);
}

/** The response a failed run answers with. */
export interface FaultResponse {
  status: number;
  headers: HeaderMap;
  body: { code: string; message: string; description: string };
  /** The catalogue code for analytics (`SEQUENCE_FAULT` for fault steps). */
  errorCode: ErrorCode;
}

/** Any failure as the response to send; unknown failures are INTERNAL_ERROR. */
export function faultResponse(error: unknown): FaultResponse {
  const headers = { 'content-type': 'application/json; charset=utf-8' };
  if (error instanceof SequenceFault) {
    return {
      status: error.faultStatus,
      headers,
      body: { code: error.faultCode, message: error.faultMessage, description: error.message },
      errorCode: 'SEQUENCE_FAULT',
    };
  }
  const known = error instanceof GatewayError ? error : new GatewayError('INTERNAL_ERROR');
  return {
    status: errorCatalogue[known.code].status,
    headers: { ...known.headers, ...headers },
    body: errorBody(known.code, known.description),
    errorCode: known.code,
  };
}

/** `{ code, message }` of a failure, for the trace. */
export function traceError(error: unknown): { code: string; message: string } {
  if (error instanceof SequenceFault) return { code: error.faultCode, message: error.faultMessage };
  if (error instanceof GatewayError) return { code: error.code, message: error.message };
  return { code: 'INTERNAL_ERROR', message: errorCatalogue.INTERNAL_ERROR.message };
}
