/**
 * A definition as one file to download: OpenAPI and AsyncAPI as JSON or YAML (a
 * multi-file definition exported bundled, so the file stands alone), GraphQL as SDL,
 * WSDL as XML. Text already in the asked form is returned as written, comments kept.
 */
import { stringify } from 'yaml';
import type { DefinitionFormat } from '../../ipc/contract.js';
import type { DefinitionLanguage } from './detect.js';
import { parseStructured } from './source.js';
import { describeDefinitionError } from './types.js';

/** What an exported definition is made of. */
export interface ExportSource {
  format: DefinitionFormat;
  language: DefinitionLanguage;
  content: string;
  /** The multi-file definition with its references inlined, when it has any. */
  bundled?: string | undefined;
}

/** One file to save. */
export interface ExportedFile {
  fileName: string;
  mimeType: string;
  content: string;
}

export type ExportResult = { ok: true; file: ExportedFile } | { ok: false; message: string };

const fixed: Record<'graphql' | 'wsdl', { extension: string; mimeType: string }> = {
  graphql: { extension: 'graphql', mimeType: 'application/graphql' },
  wsdl: { extension: 'wsdl', mimeType: 'application/wsdl+xml' },
};

/**
 * Serializes `source` for download as `<baseName>.<ext>`. `as` picks JSON or YAML for
 * OpenAPI and AsyncAPI (default: the language it is written in); other formats
 * have one form and ignore it.
 */
export function exportDefinition(
  source: ExportSource,
  baseName: string,
  as?: 'json' | 'yaml',
): ExportResult {
  if (source.format === 'graphql' || source.format === 'wsdl') {
    const { extension, mimeType } = fixed[source.format];
    return {
      ok: true,
      file: { fileName: `${baseName}.${extension}`, mimeType, content: source.content },
    };
  }
  const target = as ?? (source.language === 'json' ? 'json' : 'yaml');
  const fileName = `${baseName}.${target}`;
  const mimeType = target === 'json' ? 'application/json' : 'application/yaml';
  if (source.bundled === undefined && source.language === target) {
    return { ok: true, file: { fileName, mimeType, content: source.content } };
  }
  const parsed = parseStructured(source.bundled ?? source.content);
  if (!parsed.ok) {
    return {
      ok: false,
      message: `the definition does not parse, so it cannot be converted to ${target.toUpperCase()}: ${describeDefinitionError(parsed.error)}`,
    };
  }
  const content =
    target === 'json'
      ? `${JSON.stringify(parsed.value, null, 2)}\n`
      : stringify(parsed.value, { lineWidth: 0, aliasDuplicateObjects: false });
  return { ok: true, file: { fileName, mimeType, content } };
}
