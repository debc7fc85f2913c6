/**
 * One captured exchange of the local gateway's traffic log: what came in, what
 * went out, how long it took, and what each pipeline stage decided. Secrets are
 * redacted and bodies capped before an entry is stored.
 */
import type { AiUsage } from '../analytics/event.js';

/** A captured request or response body. */
export interface CapturedBody {
  /** Bytes the body really had (counted past the cap). */
  size: number;
  /** The captured bytes: UTF-8 text for textual content types, else base64. */
  text: string;
  encoding: 'utf8' | 'base64';
  /** True when `size` exceeded the cap and `text` holds only its first bytes. */
  truncated: boolean;
}

/** What a pipeline stage did with the request. */
export type StageOutcome = 'passed' | 'rejected' | 'not-reached';

/** The stages, in the order the pipeline runs them. */
export const trafficStages = [
  'route',
  'denylist',
  'authenticate',
  'subscription',
  'throttle',
  'endpoint',
] as const;
export type TrafficStage = (typeof trafficStages)[number];

/** One rate-limit counter the request was checked against (from the RateLimit headers). */
export interface ThrottleCheck {
  /** `subscription:Gold`, `application:50PerMin`, `api:api-default` ... */
  policy: string;
  /** Requests allowed per window. */
  quota: number;
  windowSec: number;
  /** Requests that still fit after this one. */
  remaining: number;
  /** Seconds until the counter is full again. */
  resetSec: number;
}

/** What the pipeline decided, stage by stage. */
export interface TrafficDecisions {
  stages: { stage: TrafficStage; outcome: StageOutcome; detail: string }[];
  route: {
    apiId: string;
    apiName: string;
    apiVersion: string;
    context: string;
    /** The operation template, or null for a pass-through API. */
    operation: string | null;
  } | null;
  auth: {
    /** `apiKey`, `jwt`, `certificate`, `anonymous`; null when no credential was accepted. */
    credential: string | null;
    keyType: string | null;
    /** The key manager that issued an accepted JWT. */
    keyManager: string | null;
  };
  applicationId: string | null;
  /** The plan the request counted against. */
  plan: string | null;
  throttle: {
    checks: ThrottleCheck[];
    /** The policy that rejected (429) or that the request was over without being stopped. */
    limitedBy: string | null;
  };
  denylisted: boolean;
  endpoint: {
    /** `production` or `sandbox`. */
    keyType: string;
    type: 'http' | 'ai' | 'sequence';
    /** Backend URL, AI vendor URL or sequence name. */
    target: string;
    /** AI endpoints: 0 the primary, n its n-th fallback. */
    index?: number;
  } | null;
  errorCode: string | null;
  /** The message of a gateway-made error, as the client got it. */
  errorMessage: string | null;
}

/** One entry of the traffic log (its `seq` comes from the ring buffer). */
export interface TrafficEntry {
  seq: number;
  requestId: string;
  /** ISO 8601, when the request arrived. */
  timestamp: string;
  request: {
    method: string;
    /** Absolute URL as the client addressed it. */
    url: string;
    path: string;
    query: string;
    httpVersion: string;
    clientIp: string;
    headers: Record<string, string>;
    body: CapturedBody | null;
  };
  response: {
    status: number;
    headers: Record<string, string>;
    body: CapturedBody | null;
  };
  timings: {
    totalMs: number;
    /** Upstream call, when a backend was called. */
    backendMs: number | null;
    /** `totalMs - backendMs`: the gateway's own share. */
    gatewayMs: number;
  };
  decisions: TrafficDecisions;
  ai?: AiUsage;
}

/** `createGateway({ traffic })`: the opt-in traffic capture. */
export interface TrafficCaptureOptions {
  /** Entries kept in memory; the oldest go first. Default 1000. */
  capacity?: number;
  /** Bytes of each body kept; default 64 KiB. */
  maxBodyBytes?: number;
}
