import { useId, useRef } from 'react';
import type { ChangeEvent } from 'react';
import { guessRoot, readFolder, type FolderFile } from './folder-files';

export interface FolderValue {
  files: FolderFile[];
  rootFile: string;
}

interface Props {
  value: FolderValue;
  onChange(value: FolderValue): void;
  onProblem(message: string): void;
}

/**
 * A multi-file definition: pick its folder, then its root file. The files the root
 * `$ref`s are copied into the API's Definitions/ folder with their relative paths.
 */
export function FolderSource({ value, onChange, onProblem }: Props) {
  const pickRef = useRef<HTMLInputElement>(null);
  const rootId = useId();

  const onPick = async (e: ChangeEvent<HTMLInputElement>): Promise<void> => {
    const list = e.target.files;
    if (!list || list.length === 0) return;
    try {
      const files = await readFolder(list);
      e.target.value = '';
      if (files.length === 0) {
        onProblem('the folder has no YAML or JSON files');
        return;
      }
      onChange({ files, rootFile: guessRoot(files) ?? '' });
    } catch (error) {
      onProblem(error instanceof Error ? error.message : String(error));
    }
  };

  return (
    <div className="create-api__folder">
      <div className="create-api__label-row">
        <span className="field__hint">
          An OpenAPI or AsyncAPI document split over files with relative <code>$ref</code>s (e.g.{' '}
          <code>./schemas/pet.yaml</code>). References must stay inside the root file's folder.
        </span>
        <button
          type="button"
          className="button button--small"
          onClick={() => pickRef.current?.click()}
          data-autofocus
        >
          Choose folder…
        </button>
        <input
          ref={pickRef}
          type="file"
          className="visually-hidden"
          aria-label="Definition folder"
          tabIndex={-1}
          multiple
          // Chromium and Electron read a whole folder through this non-standard attribute.
          {...{ webkitdirectory: '' }}
          onChange={(e) => void onPick(e)}
        />
      </div>
      {value.files.length > 0 && (
        <div className="field">
          <label htmlFor={rootId}>Root file</label>
          <select
            id={rootId}
            className="input"
            value={value.rootFile}
            onChange={(e) => onChange({ ...value, rootFile: e.target.value })}
          >
            {value.files.map((f) => (
              <option key={f.path} value={f.path}>
                {f.path}
              </option>
            ))}
          </select>
          <p className="field__hint">{value.files.length} YAML/JSON files in the folder</p>
        </div>
      )}
    </div>
  );
}
