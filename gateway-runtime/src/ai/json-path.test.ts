import { describe, expect, it } from 'vitest';
import { collectStrings, numberFrom, stringFrom, valuesAt } from './json-path.js';

const chunk = {
  model: 'm',
  choices: [{ delta: { content: 'a' } }, { delta: { content: 'b' } }, { delta: {} }],
  usage: { input_tokens: 6, cache_creation_input_tokens: 3337, cache_read_input_tokens: 6289 },
};

describe('json paths', () => {
  it('follows keys, array indexes and * over arrays', () => {
    expect(valuesAt(chunk, 'choices.*.delta.content')).toEqual(['a', 'b']);
    expect(valuesAt(chunk, 'choices.1.delta.content')).toEqual(['b']);
    expect(valuesAt(chunk, 'choices.9.delta')).toEqual([]);
    expect(valuesAt(chunk, 'usage.nope')).toEqual([]);
    expect(valuesAt({ a: null }, 'a.b')).toEqual([]);
    // Inherited members are not data.
    expect(valuesAt({}, 'constructor')).toEqual([]);
  });

  it('adds the `add` paths to a number, and finds nothing when the path itself holds no number', () => {
    const prompt = {
      from: 'body' as const,
      path: 'usage.input_tokens',
      add: ['usage.cache_creation_input_tokens', 'usage.cache_read_input_tokens', 'usage.missing'],
    };
    expect(numberFrom(chunk, prompt)).toBe(6 + 3337 + 6289);
    expect(numberFrom({ usage: null }, prompt)).toBeNull();
    expect(numberFrom({ usage: { input_tokens: '5' } }, prompt)).toBeNull();
    expect(numberFrom(chunk, { from: 'header', path: 'x' })).toBeNull();
  });

  it('reads non-empty strings only', () => {
    expect(stringFrom({ model: '' }, { from: 'body', path: 'model' })).toBeNull();
    expect(stringFrom(chunk, { from: 'body', path: 'model' })).toBe('m');
    const out: string[] = [];
    collectStrings(chunk, ['choices.*.delta.content', 'model'], out);
    expect(out).toEqual(['a', 'b', 'm']);
  });
});
