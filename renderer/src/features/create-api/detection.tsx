/**
 * Shows what the pasted or opened text is, as the host detects it (debounced while
 * typing): "OpenAPI · PetStore 1.0.0 · 4 operations", "Postman collection →
 * OpenAPI", or why it is not a definition.
 */
import { useEffect, useState } from 'react';
import type { DetectionView } from '../../../../main/ipc/contract';
import { ipc } from '../../ipc/client';

const formatNames: Record<string, string> = {
  openapi: 'OpenAPI',
  graphql: 'GraphQL',
  asyncapi: 'AsyncAPI',
  wsdl: 'WSDL',
};
const sourceNames: Record<string, string> = {
  postman: 'Postman collection',
  introspection: 'GraphQL introspection result',
};

/** One line describing a detection, for people and for tests. */
export function describeDetection(view: DetectionView): string {
  if (!view.ok) return `Not recognised: ${view.message}`;
  const format = formatNames[view.format] ?? view.format;
  const what = view.convertedFrom ? `${sourceNames[view.convertedFrom]} → ${format}` : format;
  const named = [view.title, view.version].filter((v) => v).join(' ');
  const ops = `${view.operationCount} operation${view.operationCount === 1 ? '' : 's'}`;
  return [what, named, ops].filter((v) => v !== '').join(' · ');
}

export function useDetection(content: string, fileName: string | null): DetectionView | null {
  const [result, setResult] = useState<{ key: string; view: DetectionView | null } | null>(null);
  const key = `${fileName ?? ''}\u0000${content}`;
  const empty = content.trim() === '';
  useEffect(() => {
    if (empty) return;
    let current = true;
    const timer = setTimeout(() => {
      ipc.apis
        .detect({ content, ...(fileName ? { fileName } : {}) })
        .then((view) => {
          if (current) setResult({ key, view });
        })
        .catch((error: unknown) => {
          const message = error instanceof Error ? error.message : String(error);
          if (current)
            setResult({ key, view: { ok: false, message: `detection failed: ${message}` } });
        });
    }, 250);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [content, fileName, key, empty]);
  return !empty && result?.key === key ? result.view : null;
}

export function DetectionLine({ view }: { view: DetectionView | null }) {
  if (!view) return null;
  return (
    <p
      className={
        view.ok ? 'create-api__detected' : 'create-api__detected create-api__detected--bad'
      }
      aria-label="Detected format"
      role="status"
    >
      {describeDetection(view)}
    </p>
  );
}
