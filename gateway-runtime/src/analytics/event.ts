/**
 * The analytics event: exactly one per request, rejected ones included
 * (DESIGN.md section 9).
 */
import type { KeyType } from '../model/bundle.js';

/** Token accounting of an AI call. */
export interface AiUsage {
  vendor: string;
  model: string | null;
  promptTokens: number | null;
  completionTokens: number | null;
  totalTokens: number | null;
  cachedTokens: number | null;
  reasoningTokens: number | null;
  /** True when the vendor reported no usage and the gateway counted tokens itself. */
  estimated: boolean;
}

export interface AnalyticsEvent {
  /** ISO 8601, when the request arrived. */
  timestamp: string;
  requestId: string;
  apiId: string | null;
  apiVersion: string | null;
  method: string;
  /** The operation template (`/pets/{id}`), or null when no operation matched. */
  operation: string | null;
  applicationId: string | null;
  subscriptionPlan: string | null;
  keyType: KeyType | null;
  /** The status sent to the client (499 when the client went away first). */
  status: number;
  latencyMs: number;
  /** From the upstream request to the end of the upstream response; null when no backend was called. */
  backendLatencyMs: number | null;
  /** Catalogue code of a gateway-made error; null for backend responses. */
  errorCode: string | null;
  /** The policy that rejected the request with 429. */
  throttledBy: string | null;
  ai?: AiUsage;
}
