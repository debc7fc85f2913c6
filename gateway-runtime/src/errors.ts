/**
 * The gateway's error catalogue: every error a client or an admin caller can see has
 * a stable code, an HTTP status and a message, and is sent as
 * `{ "code", "message", "description" }`. ERRORS.md documents the table, and
 * errors.test.ts checks every code against the README.
 */
import type { ServerResponse } from 'node:http';

/** Every error the gateway answers with, by code. */
export const errorCatalogue = {
  BAD_REQUEST: { status: 400, message: 'The request could not be read' },
  MISSING_CREDENTIALS: { status: 401, message: 'No credentials were presented' },
  INVALID_CREDENTIALS: { status: 401, message: 'The credentials are invalid' },
  TOKEN_EXPIRED: { status: 401, message: 'The access token has expired or is not yet valid' },
  INVALID_AUDIENCE: { status: 401, message: 'The access token is not meant for this API' },
  UNKNOWN_APPLICATION: { status: 401, message: 'The credentials belong to no known application' },
  CLIENT_CERTIFICATE_REQUIRED: {
    status: 401,
    message: 'A registered client certificate is required',
  },
  INSUFFICIENT_SCOPE: { status: 403, message: 'The access token lacks a required scope' },
  DENYLISTED: { status: 403, message: 'The request is blocked by the denylist' },
  NOT_SUBSCRIBED: { status: 403, message: 'The application is not subscribed to this API' },
  SUBSCRIPTION_BLOCKED: { status: 403, message: 'The subscription is blocked' },
  SUBSCRIPTION_ON_HOLD: { status: 403, message: 'The subscription is pending approval' },
  SUBSCRIPTION_REJECTED: { status: 403, message: 'The subscription was rejected' },
  KEY_TYPE_NOT_SERVED: { status: 403, message: 'The API has no endpoint for this key type' },
  API_NOT_FOUND: { status: 404, message: 'No API is deployed at this path' },
  OPERATION_NOT_FOUND: { status: 404, message: 'The API has no such operation' },
  METHOD_NOT_ALLOWED: { status: 405, message: 'The operation does not allow this method' },
  REQUEST_TOO_LARGE: { status: 413, message: 'The request body is too large' },
  THROTTLED: { status: 429, message: 'Too many requests' },
  CLIENT_CLOSED_REQUEST: {
    status: 499,
    message: 'The client closed the connection before the response',
  },
  INTERNAL_ERROR: { status: 500, message: 'The gateway failed unexpectedly' },
  SEQUENCES_NOT_SUPPORTED: {
    status: 501,
    message: 'Sequences cannot mediate this kind of endpoint',
  },
  SEQUENCE_FAULT: { status: 500, message: 'The sequence ended with a fault' },
  SEQUENCE_ERROR: { status: 500, message: 'A sequence step could not run' },
  SEQUENCE_LIMIT: { status: 500, message: 'The sequence went over one of its limits' },
  SEQUENCE_TIMEOUT: { status: 504, message: 'The sequence did not finish in time' },
  BACKEND_UNREACHABLE: { status: 502, message: 'The backend could not be reached' },
  KEY_MANAGER_UNAVAILABLE: {
    status: 503,
    message: 'The key manager could not be reached to verify the token',
  },
  BACKEND_TIMEOUT: { status: 504, message: 'The backend did not answer in time' },
  ADMIN_UNAUTHORIZED: { status: 401, message: 'A valid admin bearer token is required' },
  ADMIN_BAD_REQUEST: { status: 400, message: 'The admin request is invalid' },
  BUNDLE_INVALID: { status: 400, message: 'The bundle is invalid' },
  ADMIN_NOT_FOUND: { status: 404, message: 'No such admin resource' },
  NO_DEPLOYMENT: { status: 404, message: 'No bundle is deployed' },
  IMMUTABLE_GATEWAY: {
    status: 409,
    message: 'This gateway was started from a bundle file and is immutable',
  },
  NO_PREVIOUS_REVISION: { status: 409, message: 'There is no previous revision to roll back to' },
} as const satisfies Record<string, { status: number; message: string }>;

export type ErrorCode = keyof typeof errorCatalogue;

/** The JSON body of every error response. */
export interface ErrorBody {
  code: ErrorCode;
  message: string;
  description: string;
  /** Bundle validation issues (BUNDLE_INVALID) or admin request issues (ADMIN_BAD_REQUEST). */
  issues?: { path: string; message: string }[];
}

/** A rejection raised by a pipeline stage or an admin route; turned into a response by `sendError`. */
export class GatewayError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    readonly description?: string,
    /** Extra response headers (`WWW-Authenticate`, `Allow`, `Retry-After`). */
    readonly headers?: Record<string, string>,
    readonly issues?: { path: string; message: string }[],
  ) {
    super(description ?? errorCatalogue[code].message);
    this.name = 'GatewayError';
    this.status = errorCatalogue[code].status;
  }
}

/** Builds the error body for a code. */
export function errorBody(
  code: ErrorCode,
  description?: string,
  issues?: ErrorBody['issues'],
): ErrorBody {
  const { message } = errorCatalogue[code];
  const body: ErrorBody = { code, message, description: description ?? message };
  if (issues) body.issues = issues;
  return body;
}

/** Writes an error response, unless headers already went out (then the socket is cut). */
export function sendError(res: ServerResponse, error: GatewayError): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const payload = JSON.stringify(errorBody(error.code, error.description, error.issues));
  res.writeHead(error.status, {
    ...error.headers,
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(payload),
    'cache-control': 'no-store',
  });
  res.end(res.req.method === 'HEAD' ? undefined : payload);
}

/** Any thrown value as a GatewayError; unknown failures become INTERNAL_ERROR. */
export function toGatewayError(error: unknown): GatewayError {
  return error instanceof GatewayError ? error : new GatewayError('INTERNAL_ERROR');
}
