/**
 * The "Export" section of an API's tab: downloads the definition as one file
 * (OpenAPI and AsyncAPI as JSON or YAML, a multi-file definition bundled; GraphQL
 * SDL; WSDL). A blob link saves it in the browser and in the desktop app alike.
 */
import { useId, useState } from 'react';
import { IpcClientError, ipc } from '../../ipc/client';
import { downloadText } from '../../ui/download';
import type { ApiSectionProps } from '../designer/api-sections';

export function ExportSection({ detail }: ApiSectionProps) {
  const format = detail.definition?.format ?? null;
  const structured = format === 'openapi' || format === 'asyncapi';
  const [as, setAs] = useState<'json' | 'yaml'>(
    detail.definition?.language === 'json' ? 'json' : 'yaml',
  );
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const groupId = useId();

  if (!format)
    return <p className="create-api__export">This API has no definition file to export.</p>;

  const onExport = async (): Promise<void> => {
    setBusy(true);
    setError(null);
    try {
      const file = await ipc.apis.export({ id: detail.id, ...(structured ? { as } : {}) });
      downloadText(file.fileName, file.content, file.mimeType);
    } catch (err) {
      setError(err instanceof IpcClientError || err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="create-api__export" aria-label="Export">
      <p>
        Download the definition of {detail.name} {detail.version} as one file
        {structured ? '; files it references are bundled in.' : '.'}
      </p>
      {structured && (
        <fieldset className="field" aria-labelledby={groupId}>
          <legend id={groupId}>Format</legend>
          {(['yaml', 'json'] as const).map((option) => (
            <label key={option} className="create-api__radio">
              <input
                type="radio"
                name={groupId}
                value={option}
                checked={as === option}
                onChange={() => setAs(option)}
              />{' '}
              {option.toUpperCase()}
            </label>
          ))}
        </fieldset>
      )}
      <button
        type="button"
        className="button button--primary"
        disabled={busy}
        onClick={() => void onExport()}
      >
        Download definition
      </button>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
