/**
 * APIs that name a sequence, and moving them to its new name when it is renamed.
 * In api.yaml a sequence is named by an environment's endpoint
 * (`endpointConfig.production_sequence` / `sandbox_sequence`); that is the only
 * place a workspace API names one (mediation sequences exist in bundles, which
 * the studio builds without them). An API left naming the old name would drop its
 * endpoint from every bundle until edited, so a rename rewrites them all, and on
 * a failure puts back the ones it had already moved.
 */
import { StudioError } from '../errors.js';
import { SEQUENCE_ENDPOINT_PREFIX, type ApiYamlData } from '../workspace/api-yaml.js';
import { APIS_DIR, API_YAML } from '../workspace/paths.js';

type Environment = 'production' | 'sandbox';

/** What a rename needs of the workspace service. */
export interface SequenceReferenceWorkspace {
  apiRecords(): readonly { id: string; apiYaml: { data: Pick<ApiYamlData, 'endpointConfig'> } }[];
  /** Writes one api.yaml atomically (`WorkspaceService.updateApiSettings`). */
  updateApiSettings(input: {
    id: string;
    endpoints: { production?: string | null; sandbox?: string | null };
  }): Promise<unknown>;
}

/** An API naming the sequence, and the environments whose endpoint it is. */
export interface SequenceReference {
  apiId: string;
  environments: Environment[];
}

/** The workspace's APIs whose endpoints name `sequence`, in the workspace's order. */
export function findSequenceReferences(
  workspace: Pick<SequenceReferenceWorkspace, 'apiRecords'>,
  sequence: string,
): SequenceReference[] {
  return workspace.apiRecords().flatMap((api) => {
    const config = api.apiYaml.data.endpointConfig;
    const environments = (['production', 'sandbox'] as const).filter(
      (environment) => config?.[`${environment}_sequence`] === sequence,
    );
    return environments.length > 0 ? [{ apiId: api.id, environments }] : [];
  });
}

function pointAt(
  workspace: SequenceReferenceWorkspace,
  reference: SequenceReference,
  sequence: string,
): Promise<unknown> {
  const value = `${SEQUENCE_ENDPOINT_PREFIX}${sequence}`;
  const endpoints: { production?: string; sandbox?: string } = {};
  for (const environment of reference.environments) endpoints[environment] = value;
  return workspace.updateApiSettings({ id: reference.apiId, endpoints });
}

/** `apis/<id>/api.yaml`, as errors name it. */
export const apiFileOf = (apiId: string): string => `${APIS_DIR}/${apiId}/${API_YAML}`;

/** Why a move stopped: the file that failed, its error, and the files the undo could not restore. */
export interface MoveFailure {
  file: string;
  error: unknown;
  stuck: string[];
}

/**
 * Points every reference from `from` at `to`, one api.yaml at a time (each write is
 * atomic). When one fails, the APIs already moved are pointed back at `from`; the
 * answer names the file that failed and any the undo could not restore (they still
 * name `to`). Null when every API was moved.
 */
export async function moveSequenceReferences(
  workspace: SequenceReferenceWorkspace,
  references: readonly SequenceReference[],
  from: string,
  to: string,
): Promise<MoveFailure | null> {
  const moved: SequenceReference[] = [];
  for (const reference of references) {
    try {
      await pointAt(workspace, reference, to);
      moved.push(reference);
    } catch (error) {
      const stuck: string[] = [];
      for (const done of moved.reverse()) {
        await pointAt(workspace, done, from).catch(() => stuck.push(apiFileOf(done.apiId)));
      }
      return { file: apiFileOf(reference.apiId), error, stuck };
    }
  }
  return null;
}

/** The error a failed move becomes: the file, why, and what state the rename left. */
export function moveError(failure: MoveFailure, from: string, to: string): StudioError {
  const cause = failure.error instanceof Error ? failure.error.message : String(failure.error);
  const state =
    failure.stuck.length === 0
      ? `the rename was undone: ${from} keeps its name and every API still names it`
      : `the rename was undone except in ${failure.stuck.join(', ')}, which could not be restored and name ${to}; both sequence files were kept`;
  return new StudioError(
    failure.error instanceof StudioError ? failure.error.code : 'INTERNAL',
    `${failure.file}: could not point its endpoint at sequence ${to} (${cause}); ${state}`,
  );
}
