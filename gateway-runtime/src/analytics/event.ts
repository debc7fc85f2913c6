/**
 * The analytics event: exactly one per request, rejected ones included
 * (DESIGN.md section 9).
 */
import type { KeyType } from '../model/bundle.js';

/** Token accounting of an AI call. */
export interface AiUsage {
  /** The vendor (its `aiVendors` name or built-in type) of the endpoint that served. */
  vendor: string;
  /** The model that answered, as the vendor named it; the requested model when it did not. */
  model: string | null;
  promptTokens: number | null;
  completionTokens: number | null;
  totalTokens: number | null;
  cachedTokens: number | null;
  reasoningTokens: number | null;
  /** True when the vendor reported no usage and the gateway counted tokens itself. */
  estimated: boolean;
  /**
   * What the call cost at the vendor's price table (per million tokens: uncached input,
   * cached input, output); null when the table has no price for the model.
   */
  cost?: number | null;
  /** Which endpoint served: 0 the primary, n its `fallbacks[n - 1]`. */
  endpointIndex?: number;
}

/** One executed sequence step of a request (README "Sequences"). */
export interface SequenceTraceStep {
  /** The step's path in its sequence: `2`, `3.branches.1.0`. */
  step: string;
  type: string;
  durationMs: number;
  outcome: 'ok' | 'fault' | 'skipped';
  /** The sequence the step belongs to. */
  sequence: string;
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
  /** Only for requests that ran a sequence: each executed step, in the order it started. */
  trace?: SequenceTraceStep[];
}
