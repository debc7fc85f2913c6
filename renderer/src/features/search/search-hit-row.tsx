import type { SearchHit } from '../../../../main/ipc/contract';
import { shortFile, snippetParts } from './search-results';

const kindLabel: Record<SearchHit['kind'], string> = {
  api: 'API',
  operation: 'Operation',
  text: 'Text',
};

/** One hit: the API, where (file:line), and the snippet with its matches marked. */
export function SearchHitRow({ hit }: { hit: SearchHit }) {
  return (
    <>
      <span className="search-hit__head">
        <span className={`search-hit__kind search-hit__kind--${hit.kind}`}>
          {kindLabel[hit.kind]}
        </span>
        <span className="search-hit__api">{hit.apiName}</span>
        <span className="search-hit__where">
          {shortFile(hit.file)}:{hit.line}
        </span>
      </span>
      <span className="search-hit__snippet">
        {snippetParts(hit.snippet).map((part, i) =>
          part.match ? <mark key={i}>{part.text}</mark> : <span key={i}>{part.text}</span>,
        )}
      </span>
    </>
  );
}
