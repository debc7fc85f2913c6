/**
 * An in-memory stand-in for the import service, for tests of the bridge (see
 * `testing.ts`): detection is the real one (it touches no disk); an import answers
 * the summary of an API named as asked; export returns what was imported.
 */
import type { ApiSummary } from './contract.js';
import type { ImportIpcDeps } from './import.ipc.js';
import { ImportService } from '../services/import/import-service.js';
import { StudioError } from '../services/errors.js';

export function createFakeImportServices(): ImportIpcDeps['services'] {
  const detector = new ImportService({
    workspace: {
      createApi: () => Promise.reject(new StudioError('UNSUPPORTED', 'not in the fake')),
      apiRecords: () => [],
    },
  });
  const imported = new Map<string, string>();
  const create = async (content: string, overrides: { name?: string | undefined }) => {
    const name = overrides.name ?? 'Imported';
    const summary: ApiSummary = {
      id: `${name}-1.0.0`,
      name,
      version: '1.0.0',
      context: `/${name.toLowerCase()}`,
      type: 'REST',
      definitionFormat: 'openapi',
      path: `apis/${name}-1.0.0`,
      operationCount: 0,
    };
    imported.set(summary.id, content);
    return summary;
  };
  return {
    imports: {
      detect: (content, fileName) => detector.detect(content, fileName),
      importUrl: (url, overrides) => create(`# from ${url}\n`, overrides),
      async importFiles(rootFile, files, overrides) {
        const root = files.find((f) => f.path === rootFile);
        if (!root)
          throw new StudioError('VALIDATION', `rootFile: "${rootFile}" is not among the files`);
        return create(root.content, overrides);
      },
      exportApi(id) {
        const content = imported.get(id);
        if (content === undefined) throw new StudioError('NOT_FOUND', `id: no API ${id}`);
        return { fileName: `${id}.yaml`, mimeType: 'application/yaml', content };
      },
    },
  };
}
