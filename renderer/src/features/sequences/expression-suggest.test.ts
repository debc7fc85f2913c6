import { describe, expect, it } from 'vitest';
import { applySuggestion, suggest, tokenAt } from './expression-suggest';

describe('expression suggestions', () => {
  it('finds the token at the caret', () => {
    expect(tokenAt('$merge([variables.p', 19)).toEqual({ from: 8, token: 'variables.p' });
    expect(tokenAt('a + ', 4)).toEqual({ from: 4, token: '' });
  });

  it('offers request fields, known variables and JSONata functions', () => {
    expect(suggest('request.m', 9, []).items.map((s) => s.label)).toEqual(['request.method']);
    expect(suggest('variables.', 10, ['pet', 'owner']).items.map((s) => s.label)).toEqual([
      'variables.pet',
      'variables.owner',
    ]);
    expect(suggest('$me', 3, []).items[0]?.label).toBe('$merge');
    expect(suggest('x = ', 4, []).items).toEqual([]);
  });

  it('inserts a function with its opening parenthesis', () => {
    const text = '[$ma';
    const range = suggest(text, 4, []);
    const next = applySuggestion(text, range, range.items[0]!);
    expect(next).toEqual({ text: '[$map(', caret: 6 });
  });
});
