/**
 * What gateway nodes of one cluster tell each other over Redis pub/sub: the admin
 * edits that change a deployment in place, and application throttle resets. Each
 * message travels in an envelope naming the node that sent it, so a node skips its
 * own. Messages are validated on receipt like any other input.
 */
import { z } from 'zod';
import { denylistEntrySchema, subscriptionStatus } from '../model/bundle.js';
import type { ControlEdit } from '../runtime/control.js';

const id = z.string().min(1, 'must be a non-empty string');

export const syncMessageSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('denylist.add'), entry: denylistEntrySchema }),
  z.strictObject({ type: z.literal('denylist.patch'), id, enabled: z.boolean() }),
  z.strictObject({ type: z.literal('denylist.delete'), id }),
  z.strictObject({
    type: z.literal('subscription.patch'),
    id,
    plan: id.optional(),
    status: subscriptionStatus.optional(),
  }),
  z.strictObject({ type: z.literal('throttle.reset'), applicationId: id }),
]);

/** One change to replay on every node. */
export type SyncMessage = ControlEdit | { type: 'throttle.reset'; applicationId: string };

export const envelopeSchema = z.strictObject({
  v: z.literal(1),
  node: id,
  message: syncMessageSchema,
});

/** The wire form of a message from `node`. */
export function encodeMessage(node: string, message: SyncMessage): string {
  return JSON.stringify({ v: 1, node, message });
}

/** Parses a received payload; null (with the reason) when it is not a valid envelope. */
export function decodeMessage(
  raw: string,
): { ok: true; node: string; message: SyncMessage } | { ok: false; reason: string } {
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return { ok: false, reason: 'not JSON' };
  }
  const parsed = envelopeSchema.safeParse(json);
  if (!parsed.success)
    return {
      ok: false,
      reason: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '),
    };
  return { ok: true, node: parsed.data.node, message: parsed.data.message };
}
