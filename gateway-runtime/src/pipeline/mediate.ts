/**
 * Stage 6, mediate: picks the endpoint for the request's key type. APIs whose
 * endpoint is a sequence, or that attach request/response/fault sequences, are then
 * served by the sequence engine (sequences/pipeline.ts). Mediation sequences on AI
 * endpoints answer 501: the AI proxy streams and meters tokens as they pass, which
 * a sequence that buffers and rewrites the message would defeat.
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

/** The mediate stage: the endpoint, or 501 for what sequences cannot mediate. */
export function mediate(ctx: RequestContext): CompiledEndpoint {
  const endpoint = selectEndpoint(ctx);
  if (endpoint.type === 'ai' && ctx.api?.hasMediation) {
    throw new GatewayError(
      'SEQUENCES_NOT_SUPPORTED',
      'Mediation sequences cannot run on an AI endpoint, whose responses stream through token metering',
    );
  }
  return endpoint;
}
