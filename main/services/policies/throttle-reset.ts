/**
 * "Reset throttling" for an application: clears every counter the local gateway keeps
 * for it (its application policy and its subscriptions' plans, tokens and bursts)
 * through `POST /admin/v1/applications/{id}/reset-throttle`.
 */
import type { LocalGatewayAdmin } from '../denylist/denylist-service.js';
import { StudioError } from '../errors.js';

/** What a reset cleared. */
export interface ThrottleReset {
  applicationId: string;
  /** Counters removed; 0 when the application had sent nothing since the last reset. */
  cleared: number;
}

export async function resetThrottle(
  gateway: LocalGatewayAdmin,
  applicationId: string,
): Promise<ThrottleReset> {
  const result = await gateway.admin(
    'POST',
    `/admin/v1/applications/${encodeURIComponent(applicationId)}/reset-throttle`,
  );
  if (!result)
    throw new StudioError(
      'GATEWAY_UNAVAILABLE',
      'The local gateway is not running; start it from the status bar, then reset again',
    );
  const body = result.body as { cleared?: unknown; message?: unknown } | null;
  if (result.status === 404)
    throw new StudioError(
      'NOT_FOUND',
      `applicationId: the local gateway does not serve application ${JSON.stringify(applicationId)} yet; wait for its redeploy and try again`,
    );
  if (result.status !== 200 || typeof body?.cleared !== 'number')
    throw new StudioError(
      'INTERNAL',
      `The gateway answered ${result.status} to the throttle reset${typeof body?.message === 'string' ? `: ${body.message}` : ''}`,
    );
  return { applicationId, cleared: body.cleared };
}
