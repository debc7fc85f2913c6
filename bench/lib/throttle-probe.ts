/**
 * Which throttling levels the gateway enforces at run time. The throughput bench sets
 * every limit far above its load, so a level that is ignored would look free; this
 * probe deploys the same chain with one level at a time set to 2 requests a minute and
 * sends 5 requests: an enforced level answers 429 for the last ones.
 */
import { join } from 'node:path';
import { chainBundle, type ChainOptions } from './bundles.js';
import { startGateway } from './servers.js';
import type { BenchContext } from './types.js';

const levels = ['application', 'subscription', 'api'] as const;
export type Level = (typeof levels)[number];

export interface Enforcement {
  enforced: Level[];
  ignored: Level[];
  summary: string;
}

export async function probeEnforcement(
  ctx: BenchContext,
  cli: string,
  options: ChainOptions,
  token: string,
): Promise<Enforcement> {
  const adminToken = 'bench-admin-token-0123456789';
  const gateway = await startGateway(cli, 'portico-probe', [
    '--admin-token',
    adminToken,
    '--data-dir',
    join(ctx.tmpRoot, 'gw-probe'),
  ]);
  const enforced: Level[] = [];
  const ignored: Level[] = [];
  try {
    for (const level of levels) {
      const bundle = chainBundle({
        ...options,
        revision: `probe-${level}`,
        limits: { [level]: { requests: 2, unitTime: 1, timeUnit: 'min' } },
      });
      const deploy = await fetch(`${gateway.admin}/admin/v1/bundle`, {
        method: 'PUT',
        headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' },
        body: JSON.stringify(bundle),
        signal: AbortSignal.timeout(10_000),
      });
      if (!deploy.ok)
        throw new Error(`probe deploy answered ${deploy.status}: ${await deploy.text()}`);
      const statuses: number[] = [];
      for (let i = 0; i < 5; i++) {
        const response = await fetch(`${gateway.url}/bench/1/item`, {
          headers: { authorization: `Bearer ${token}` },
          signal: AbortSignal.timeout(10_000),
        });
        await response.arrayBuffer();
        statuses.push(response.status);
      }
      (statuses.includes(429) ? enforced : ignored).push(level);
      ctx.log(`  probe ${level} limit 2/min: ${statuses.join(' ')}`);
    }
  } finally {
    await gateway.process.stop();
  }
  const summary =
    ignored.length === 0
      ? `all three levels enforced (${enforced.join(', ')})`
      : `enforced: ${enforced.join(', ') || 'none'}; NOT enforced: ${ignored.join(', ')}`;
  return { enforced, ignored, summary };
}
