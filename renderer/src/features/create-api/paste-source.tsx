import { useId, useRef } from 'react';
import type { ChangeEvent } from 'react';
import { DetectionLine, useDetection } from './detection';

const ACCEPT = '.yaml,.yml,.json,.graphql,.graphqls,.gql,.wsdl,.xml,.postman_collection.json';
/** Past this a paste is almost surely the wrong file; the host would refuse it anyway. */
const MAX_BYTES = 30 * 1024 * 1024;

export interface PasteValue {
  content: string;
  fileName: string | null;
}

interface Props {
  value: PasteValue;
  onChange(value: PasteValue): void;
  onProblem(message: string): void;
  invalid: boolean;
  errorId: string;
}

/** Paste a definition, or open one file; the detected format shows under the text. */
export function PasteSource({ value, onChange, onProblem, invalid, errorId }: Props) {
  const fileRef = useRef<HTMLInputElement>(null);
  const ids = { content: useId(), file: useId() };
  const detection = useDetection(value.content, value.fileName);

  const onFile = async (e: ChangeEvent<HTMLInputElement>): Promise<void> => {
    const file = e.target.files?.[0];
    e.target.value = '';
    if (!file) return;
    if (file.size > MAX_BYTES) {
      onProblem(`${file.name} is ${Math.round(file.size / 1048576)} MiB; the limit is 30 MiB`);
      return;
    }
    onChange({ content: await file.text(), fileName: file.name });
  };

  return (
    <div className="field">
      <div className="create-api__label-row">
        <label htmlFor={ids.content}>Definition</label>
        <span className="field__hint">
          OpenAPI 3 or Swagger 2 (YAML or JSON), GraphQL SDL or introspection JSON, AsyncAPI, WSDL,
          or a Postman v2.1 collection
        </span>
        <button
          type="button"
          className="button button--small"
          onClick={() => fileRef.current?.click()}
        >
          Open file…
        </button>
        <input
          ref={fileRef}
          id={ids.file}
          type="file"
          accept={ACCEPT}
          className="visually-hidden"
          aria-label="Definition file"
          tabIndex={-1}
          onChange={(e) => void onFile(e)}
        />
      </div>
      <textarea
        id={ids.content}
        className="input input--mono create-api__content"
        value={value.content}
        onChange={(e) => onChange({ content: e.target.value, fileName: null })}
        placeholder={'openapi: 3.0.3\ninfo:\n  title: PetStore\n  version: 1.0.0\npaths: …'}
        spellCheck={false}
        aria-invalid={invalid ? true : undefined}
        aria-describedby={invalid ? errorId : undefined}
        data-autofocus
      />
      {value.fileName && <p className="field__hint">From {value.fileName}</p>}
      <DetectionLine view={detection} />
    </div>
  );
}
