import type {
  SequenceCheck,
  SequenceEntry,
  SequenceFile,
  SequenceTryRequest,
  SequenceTryResult,
} from './contract.js';
import type { Handlers } from './dispatch.js';
import { StudioError } from '../services/errors.js';

type SequencesChannels =
  | 'sequences.list'
  | 'sequences.get'
  | 'sequences.create'
  | 'sequences.check'
  | 'sequences.save'
  | 'sequences.rename'
  | 'sequences.delete'
  | 'sequences.try';

/** The sequences service as the IPC layer uses it (`SequencesService`). */
export interface SequencesIpcService {
  list(): Promise<SequenceEntry[]>;
  get(name: string): Promise<SequenceFile>;
  create(name: string): Promise<SequenceFile>;
  check(input: { content?: string | undefined; document?: unknown }): SequenceCheck;
  save(name: string, document: unknown): Promise<SequenceFile>;
  rename(from: string, to: string): Promise<SequenceFile>;
  delete(name: string): Promise<void>;
  try(input: {
    document: unknown;
    request: SequenceTryRequest;
    apiId?: string | undefined;
  }): Promise<SequenceTryResult>;
}

export interface SequencesIpcDeps {
  services: {
    /** Optional so hosts and fakes without a workspace folder still build their handlers. */
    sequences?: SequencesIpcService;
  };
}

export function sequencesHandlers(deps: SequencesIpcDeps): Pick<Handlers, SequencesChannels> {
  const service = (): SequencesIpcService => {
    const sequences = deps.services.sequences;
    if (!sequences)
      throw new StudioError('UNSUPPORTED', 'Sequences are not available in this host');
    return sequences;
  };
  return {
    'sequences.list': () => service().list(),
    'sequences.get': ({ name }) => service().get(name),
    'sequences.create': ({ name }) => service().create(name),
    'sequences.check': async (request) => service().check(request),
    'sequences.save': ({ name, document }) => service().save(name, document),
    'sequences.rename': ({ from, to }) => service().rename(from, to),
    'sequences.delete': async ({ name }) => {
      await service().delete(name);
      return null;
    },
    'sequences.try': (request) => service().try(request),
  };
}
