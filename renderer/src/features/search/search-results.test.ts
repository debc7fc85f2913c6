import { describe, expect, it } from 'vitest';
import { appStore } from '../../state/app-store';
import { openHit, shortFile, snippetParts } from './search-results';

describe('snippetParts', () => {
  it('splits a snippet at its match markers', () => {
    expect(snippetParts('get «pet» by «id»')).toEqual([
      { text: 'get ', match: false },
      { text: 'pet', match: true },
      { text: ' by ', match: false },
      { text: 'id', match: true },
    ]);
  });

  it('keeps text without markers whole and runs an unclosed marker to the end', () => {
    expect(snippetParts('plain')).toEqual([{ text: 'plain', match: false }]);
    expect(snippetParts('a «b')).toEqual([
      { text: 'a ', match: false },
      { text: 'b', match: true },
    ]);
  });
});

describe('openHit', () => {
  it('opens the API tab and requests a reveal of the line, a new nonce each time', () => {
    openHit({ apiId: 'PetStore-1.0.0', line: 42 });
    const first = appStore.get();
    expect(first.activeTabId).toBe('api:PetStore-1.0.0');
    expect(first.reveal).toMatchObject({ apiId: 'PetStore-1.0.0', line: 42 });
    openHit({ apiId: 'PetStore-1.0.0', line: 42 });
    expect(appStore.get().reveal?.nonce).not.toBe(first.reveal?.nonce);
    expect(appStore.get().tabs.filter((t) => t.id === 'api:PetStore-1.0.0')).toHaveLength(1);
  });

  it('shortens a file path to its place in the API folder', () => {
    expect(shortFile('apis/PetStore-1.0.0/Definitions/swagger.yaml')).toBe(
      'Definitions/swagger.yaml',
    );
  });
});
