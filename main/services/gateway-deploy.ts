/**
 * One deploy to a gateway's admin API: `PUT /admin/v1/bundle` with the bearer
 * token. A refusal comes back with the gateway's field paths, rewritten to name
 * the workspace's APIs.
 */
import type { GatewayBundle } from '../../gateway-runtime/src/index.js';
import { nameApis } from './bundle-builder.js';
import type { ApiRecord } from './workspace/api-files.js';

export type DeployOutcome = { ok: true } | { ok: false; message: string };

interface ErrorBody {
  message?: unknown;
  description?: unknown;
  issues?: unknown;
}

function isIssue(value: unknown): value is { path: string; message: string } {
  const v = value as { path?: unknown; message?: unknown } | null;
  return (
    typeof v === 'object' &&
    v !== null &&
    typeof v.path === 'string' &&
    typeof v.message === 'string'
  );
}

export async function deployBundle(
  fetcher: typeof fetch,
  target: { adminUrl: string; token: string },
  bundle: GatewayBundle,
  apis: readonly Pick<ApiRecord, 'id'>[],
): Promise<DeployOutcome> {
  let response: Response;
  try {
    response = await fetcher(`${target.adminUrl}/admin/v1/bundle`, {
      method: 'PUT',
      headers: { Authorization: `Bearer ${target.token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify(bundle),
    });
  } catch (error) {
    return { ok: false, message: `Deploying to the gateway failed: ${String(error)}` };
  }
  const body = (await response.json().catch(() => null)) as ErrorBody | null;
  if (response.ok) return { ok: true };
  const issues = Array.isArray(body?.issues) ? nameApis(body.issues.filter(isIssue), apis) : [];
  const text = (value: unknown): string | null => (typeof value === 'string' ? value : null);
  const detail =
    issues.length > 0
      ? issues.map((i) => `${i.path}: ${i.message}`).join('; ')
      : (text(body?.description) ?? text(body?.message) ?? `HTTP ${response.status}`);
  return { ok: false, message: `The gateway refused revision ${bundle.revision}: ${detail}` };
}
