/**
 * The studio's error catalogue. Services throw `StudioError`; the IPC layer and
 * the web host turn it into the plain `{ code, message }` that crosses the bridge.
 * Anything else that escapes a service crosses as `INTERNAL`.
 */
export const studioErrors = {
  VALIDATION: 'A request or a file did not match its schema',
  NOT_FOUND: 'The named resource does not exist',
  CONFLICT: 'The resource already exists',
  NO_WORKSPACE: 'No workspace is open',
  WORKSPACE_INVALID: 'The folder is not a usable workspace',
  DEFINITION_INVALID: 'The API definition could not be read',
  GATEWAY_UNAVAILABLE: 'The local gateway is not running',
  UNSUPPORTED: 'Not available in this host',
  INTERNAL: 'Unexpected error',
} as const;

export type StudioErrorCode = keyof typeof studioErrors;

export class StudioError extends Error {
  constructor(
    readonly code: StudioErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'StudioError';
  }
}

/** The `{ code, message }` form of any thrown value, for the bridge. */
export function toIpcError(error: unknown): { code: string; message: string } {
  if (error instanceof StudioError) return { code: error.code, message: error.message };
  const message = error instanceof Error ? error.message : String(error);
  return { code: 'INTERNAL', message };
}
