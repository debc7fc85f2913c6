/**
 * Pure helpers for showing search hits: a snippet split at its « » match markers,
 * and the jump a chosen hit makes (the API's tab, then a reveal request for the
 * line, which the designer consumes).
 */
import type { SearchHit } from '../../../../main/ipc/contract';
import { setState } from '../../state/app-store';
import { openApiTab } from '../tabs/tabs';

/** A piece of a snippet; `match` pieces are what the query matched. */
export interface SnippetPart {
  text: string;
  match: boolean;
}

/** `"get «pet» by id"` -> `[{get }, {pet, match}, { by id}]`; an unclosed « runs to the end. */
export function snippetParts(snippet: string): SnippetPart[] {
  const parts: SnippetPart[] = [];
  let rest = snippet;
  while (rest !== '') {
    const open = rest.indexOf('«');
    if (open === -1) {
      parts.push({ text: rest, match: false });
      break;
    }
    if (open > 0) parts.push({ text: rest.slice(0, open), match: false });
    const close = rest.indexOf('»', open + 1);
    const end = close === -1 ? rest.length : close;
    const text = rest.slice(open + 1, end);
    if (text !== '') parts.push({ text, match: true });
    rest = close === -1 ? '' : rest.slice(close + 1);
  }
  return parts;
}

/** `apis/PetStore-1.0.0/Definitions/swagger.yaml` -> `Definitions/swagger.yaml`. */
export function shortFile(file: string): string {
  return file.replace(/^apis\/[^/]+\//, '');
}

let nonce = 0;

/** Opens the hit's API and asks its designer to reveal the hit's line. */
export function openHit(hit: Pick<SearchHit, 'apiId' | 'line'>): void {
  openApiTab(hit.apiId);
  nonce += 1;
  setState({ reveal: { apiId: hit.apiId, line: hit.line, nonce } });
}

/** The field filters the box explains, with an example each. */
export const searchFilters: readonly { filter: string; meaning: string }[] = [
  { filter: 'type:graphql', meaning: 'APIs of a type: rest, graphql, async, soap, ai' },
  { filter: 'op:POST', meaning: 'operations with a method: GET, POST, QUERY, PUBLISH…' },
  { filter: 'tag:pets', meaning: 'APIs or operations with a tag' },
  { filter: 'api:Pet', meaning: 'APIs whose name or id starts so' },
  { filter: '"exact phrase"', meaning: 'words in this order' },
];
