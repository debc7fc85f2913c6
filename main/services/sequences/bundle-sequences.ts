/**
 * What sequences add to the gateway bundle: an API endpoint that names a
 * workspace sequence (`production_sequence` in api.yaml) becomes
 * `{ type: 'sequence', sequence }`, and the workspace's valid sequences travel in
 * the bundle's `sequences`. Like an unusable URL, a sequence that is missing or
 * does not validate leaves the endpoint out rather than failing the whole bundle:
 * the API is still served and answers the gateway's missing-endpoint error.
 */
import type { ApiSpecInput, Sequence } from '../../../gateway-runtime/src/index.js';
import type { ApiYamlData } from '../workspace/api-yaml.js';
import { endpointUrl } from '../workspace/api-yaml.js';

type Endpoint = NonNullable<ApiSpecInput['endpoints']['production']>;

/** The endpoint of one environment, or `undefined` when it has no usable one. */
export function endpointFor(
  config: ApiYamlData['endpointConfig'],
  environment: 'production' | 'sandbox',
  sequences: readonly Pick<Sequence, 'name'>[],
): Endpoint | undefined {
  const sequence = config?.[`${environment}_sequence`];
  if (sequence) {
    return sequences.some((s) => s.name === sequence) ? { type: 'sequence', sequence } : undefined;
  }
  const url = endpointUrl(config?.[`${environment}_endpoints`]);
  if (!url || !URL.canParse(url)) return undefined;
  return /^https?:$/.test(new URL(url).protocol) ? { type: 'http', url } : undefined;
}

/** The bundle's `sequences` field: present only when there are any, so older bundles keep their revision. */
export function sequencesContent(sequences: readonly Sequence[] | undefined): {
  sequences?: Sequence[];
} {
  return sequences && sequences.length > 0 ? { sequences: [...sequences] } : {};
}

/** The gateway host's access provider, as `withSequences` wraps it. */
export interface AccessLike<T> {
  snapshot(): Promise<T>;
  onChanged(listener: () => void): () => void;
}

/**
 * Adds the workspace's sequences to an access provider's snapshot, and redeploys
 * when they were re-read: the gateway host then builds bundles that carry them.
 */
export function withSequences<T extends object>(
  access: AccessLike<T>,
  sequences: {
    bundleSequences(): readonly Sequence[];
    onReloaded(listener: () => void): () => void;
  },
): AccessLike<T & { sequences: readonly Sequence[] }> {
  return {
    snapshot: async () => ({
      ...(await access.snapshot()),
      sequences: sequences.bundleSequences(),
    }),
    onChanged: (listener) => {
      const offAccess = access.onChanged(listener);
      const offSequences = sequences.onReloaded(listener);
      return () => {
        offAccess();
        offSequences();
      };
    },
  };
}
