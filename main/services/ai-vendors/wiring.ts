/**
 * How the AI vendors service plugs into the rest of the studio: its vendor files
 * join every bundle through the access snapshot (the local gateway's and each
 * environment's), and vendor keys reach the local gateway's secret endpoint.
 */
import type { BundleAccess } from '../bundle-builder.js';
import { StudioError } from '../errors.js';
import type { GatewayStatus } from '../../ipc/contract.js';
import type { AiVendorsService } from './ai-vendors-service.js';

/** A source of bundle access snapshots, as `createAccessSource` returns. */
interface AccessLike {
  snapshot(): Promise<BundleAccess>;
  onChanged(listener: () => void): () => void;
}

/** The same access source, whose snapshots also carry the workspace's AI vendors. */
export function withAiVendors(
  access: AccessLike,
  vendors: Pick<AiVendorsService, 'bundleEntries'>,
): AccessLike {
  return {
    snapshot: async () => ({
      ...(await access.snapshot()),
      aiVendors: await vendors.bundleEntries(),
    }),
    onChanged: (listener) => access.onChanged(listener),
  };
}

/** The gateway host's admin call, as `GatewayHostService.admin` offers it. */
type AdminCall = (
  method: 'PUT',
  path: string,
  body: unknown,
) => Promise<{ status: number; body: unknown } | null>;

/** `putSecret` over the local gateway's admin API; false when no gateway runs. */
export function localGatewaySecrets(admin: AdminCall): {
  putSecret(name: string, value: string): Promise<boolean>;
} {
  return {
    async putSecret(name, value) {
      const answer = await admin('PUT', `/admin/v1/secrets/${encodeURIComponent(name)}`, {
        value,
      });
      if (!answer) return false;
      if (answer.status !== 200) {
        const message = (answer.body as { message?: unknown } | null)?.message;
        throw new StudioError(
          'GATEWAY_UNAVAILABLE',
          `the local gateway refused secret "${name}": ${typeof message === 'string' ? message : `HTTP ${answer.status}`}`,
        );
      }
      return true;
    },
  };
}

/**
 * Sends the stored vendor keys each time a gateway process starts running (a new
 * admin URL), so a fresh gateway data folder still gets them.
 */
export function syncSecretsOnStart(
  gateway: { onStatus(listener: (status: GatewayStatus) => void): () => void },
  vendors: Pick<AiVendorsService, 'syncSecrets'>,
  log: (level: 'warn', message: string) => void,
): () => void {
  let synced: string | null = null;
  return gateway.onStatus((status) => {
    if (status.state !== 'running' || !status.adminUrl || status.adminUrl === synced) return;
    synced = status.adminUrl;
    vendors
      .syncSecrets()
      .catch((error: unknown) => log('warn', `sending AI vendor keys: ${String(error)}`));
  });
}
