import type { ApiSummary } from './contract.js';
import type { DetectionView, ExportedDefinition } from './contract-import.js';
import type { Handlers } from './dispatch.js';

type ImportChannels = 'apis.detect' | 'apis.importUrl' | 'apis.importFiles' | 'apis.export';

type Overrides = {
  name?: string | undefined;
  version?: string | undefined;
  context?: string | undefined;
};

export interface ImportIpcDeps {
  services: {
    imports: {
      detect(content: string, fileName?: string): DetectionView;
      importUrl(url: string, overrides: Overrides): Promise<ApiSummary>;
      importFiles(
        rootFile: string,
        files: { path: string; content: string }[],
        overrides: Overrides,
      ): Promise<ApiSummary>;
      exportApi(id: string, as?: 'json' | 'yaml'): ExportedDefinition;
    };
  };
}

export function importHandlers(deps: ImportIpcDeps): Pick<Handlers, ImportChannels> {
  const imports = () => deps.services.imports;
  return {
    'apis.detect': async ({ content, fileName }) => imports().detect(content, fileName),
    'apis.importUrl': ({ url, ...overrides }) => imports().importUrl(url, overrides),
    'apis.importFiles': ({ rootFile, files, ...overrides }) =>
      imports().importFiles(rootFile, files, overrides),
    'apis.export': async ({ id, as }) => imports().exportApi(id, as),
  };
}
