/**
 * Resolves an environment's node into what the admin client needs: the admin token
 * and the client key read from the secret store, the CA and certificate files read
 * from the workspace.
 */
import { readFile } from 'node:fs/promises';
import { isAbsolute, resolve } from 'node:path';
import { StudioError } from '../errors.js';
import type { AdminTarget } from './admin-client.js';
import type { GatewayNode } from './environment-file.js';

/** Where secrets (admin tokens, client keys, the secrets a push sends) are read from. */
export interface SecretSource {
  get(name: string): string | undefined;
}

/** The secret's value; a clear error naming the field when the store has none. */
export function requireSecret(secrets: SecretSource, name: string, field: string): string {
  const value = secrets.get(name);
  if (value === undefined)
    throw new StudioError(
      'VALIDATION',
      `${field}: no secret "${name}" in the secret store; set it first`,
    );
  return value;
}

export async function resolveTarget(
  root: string,
  node: GatewayNode,
  index: number,
  secrets: SecretSource,
): Promise<AdminTarget> {
  const at = `nodes[${index}]`;
  const file = async (path: string, field: string): Promise<string> => {
    try {
      return await readFile(isAbsolute(path) ? path : resolve(root, path), 'utf8');
    } catch (error) {
      throw new StudioError(
        'VALIDATION',
        `${at}.tls.${field}: cannot read ${path} (${(error as NodeJS.ErrnoException).code ?? String(error)})`,
      );
    }
  };
  const tls = node.tls;
  return {
    name: node.name,
    adminUrl: node.adminUrl,
    token:
      node.tokenSecret === undefined
        ? null
        : requireSecret(secrets, node.tokenSecret, `${at}.tokenSecret`),
    ...(tls && {
      tls: {
        ...(tls.caFile !== undefined && { ca: await file(tls.caFile, 'caFile') }),
        ...(tls.certFile !== undefined && { cert: await file(tls.certFile, 'certFile') }),
        ...(tls.keySecret !== undefined && {
          key: requireSecret(secrets, tls.keySecret, `${at}.tls.keySecret`),
        }),
        ...(tls.rejectUnauthorized !== undefined && {
          rejectUnauthorized: tls.rejectUnauthorized,
        }),
      },
    }),
  };
}
