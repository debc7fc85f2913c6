import { describe, expect, it } from 'vitest';
import { guessRoot } from './folder-files';

describe('guessRoot', () => {
  it('picks the shallowest file that declares openapi, preferring usual names', () => {
    const files = [
      { path: 'schemas/pet.yaml', content: 'Pet:\n  type: object\n' },
      { path: 'paths/pets.yaml', content: 'get:\n  summary: x\n' },
      { path: 'notes.json', content: '{"a": 1}' },
      { path: 'openapi.yaml', content: 'openapi: 3.0.3\n' },
      { path: 'v2/openapi.yaml', content: 'openapi: 3.1.0\n' },
    ];
    expect(guessRoot(files)).toBe('openapi.yaml');
  });

  it('falls back to the first file when none declares a format, and null for none', () => {
    expect(
      guessRoot([
        { path: 'b.yaml', content: 'x: 1' },
        { path: 'a.yaml', content: 'y: 2' },
      ]),
    ).toBe('a.yaml');
    expect(guessRoot([])).toBeNull();
  });
});
