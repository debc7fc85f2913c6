/**
 * Stage 6, mediate. The seam the sequences issue fills. Until then an API whose
 * chosen endpoint is a sequence, or that attaches request/response/fault
 * sequences, answers 501 rather than silently skipping what its author asked for.
 */
import { GatewayError } from '../errors.js';
import type { RequestContext } from './context.js';
import type { CompiledEndpoint } from './endpoint.js';

/** The endpoint for the request's key type; 403 when the API has none for it. */
export function selectEndpoint(ctx: RequestContext): CompiledEndpoint {
  const api = ctx.api;
  if (!api) throw new GatewayError('INTERNAL_ERROR');
  const sandbox = ctx.keyType === 'SANDBOX';
  const endpoint = sandbox ? api.endpoints.sandbox : api.endpoints.production;
  if (!endpoint) {
    throw new GatewayError(
      'KEY_TYPE_NOT_SERVED',
      `API ${api.spec.id} has no ${sandbox ? 'sandbox' : 'production'} endpoint`,
    );
  }
  return endpoint;
}

/** The mediate stage: picks the endpoint and refuses what this release cannot run. */
export function mediate(ctx: RequestContext): CompiledEndpoint {
  const endpoint = selectEndpoint(ctx);
  if (endpoint.type === 'sequence') {
    throw new GatewayError(
      'SEQUENCES_NOT_SUPPORTED',
      `Sequence "${endpoint.sequence}" cannot run yet`,
    );
  }
  if (ctx.api?.hasMediation) {
    throw new GatewayError(
      'SEQUENCES_NOT_SUPPORTED',
      'This API attaches mediation sequences, which cannot run yet',
    );
  }
  return endpoint;
}
