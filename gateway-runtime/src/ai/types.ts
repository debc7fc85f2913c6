/**
 * The shapes the AI egress path works with: a vendor resolved from its built-in
 * defaults and a bundle's overrides (`VendorSpec`), the adapter each built-in type
 * registers, and the token figures read from a response.
 */
import type {
  AiModelPrice,
  AiStreamUsage,
  AiVendorType,
  ValueLocation,
} from '../model/ai-vendor.js';

export type VendorType = AiVendorType;
export type { AiModelPrice, AiStreamUsage, ValueLocation };

/** The token counts an AI call reports; null when not (yet) seen. */
export interface TokenFigures {
  promptTokens: number | null;
  completionTokens: number | null;
  totalTokens: number | null;
  cachedTokens: number | null;
  reasoningTokens: number | null;
}

export type TokenField = keyof TokenFigures;
export const tokenFields: readonly TokenField[] = [
  'promptTokens',
  'completionTokens',
  'totalTokens',
  'cachedTokens',
  'reasoningTokens',
];

/** A vendor with every field filled in: what the gateway acts on. */
export interface VendorSpec {
  /** The `aiVendors` entry's name, or the built-in type. */
  name: string;
  type: VendorType;
  /** The header that carries the key (lower case) and what precedes the key in it. */
  auth: { header: string; prefix: string };
  /** Sent upstream unless the client sent the header itself. */
  headers: Record<string, string>;
  model: { request: ValueLocation[]; response: ValueLocation[] };
  usage: Record<TokenField, ValueLocation[]>;
  /** Generated text in a body or an SSE event (estimation only). */
  completionText: string[];
  /** Prompt text in the request body (estimation only). */
  promptText: string[];
  /** How to ask for usage on a streamed call; null: the vendor always reports it (or never). */
  streamUsage: AiStreamUsage | null;
  prices: AiModelPrice[];
}

/**
 * Incremental recogniser of the usage-only chunk a vendor sends because the gateway
 * asked for it: fed the bytes of one SSE event's data as they arrive.
 */
export interface UsageChunkDetector {
  feed(byte: number): void;
  /**
   * Optional, for speed: feeds `bytes[start, end)` (no line ends among them) until the
   * verdict is known; returns the index after the last byte taken (`end` when undecided).
   */
  feedRun?(bytes: Uint8Array, start: number, end: number): number;
  /**
   * Optional, for speed: false when the bytes of a whole one-line event (its field
   * name included) rule out the usage chunk, so the event need not be held or fed.
   */
  mayBeUsage?(line: Uint8Array): boolean;
  /** `content`: not the usage chunk (forward); `usage`: it is (drop); `unknown`: need more bytes. */
  readonly verdict: 'unknown' | 'content' | 'usage';
}

/** Code a vendor type needs beyond its data. */
export interface VendorHandler {
  /** Present for vendors that answer `streamUsage` with a separate usage-only chunk. */
  usageChunkDetector?: () => UsageChunkDetector;
}

/** One built-in vendor type: defaults (data) plus its small handler. */
export interface VendorAdapter {
  type: VendorType;
  /** What the studio shows. */
  label: string;
  defaults: Omit<VendorSpec, 'name' | 'type'>;
  handler: VendorHandler;
}

/** A vendor ready for serving: its spec and its handler. */
export interface ResolvedVendor {
  spec: VendorSpec;
  handler: VendorHandler;
}
