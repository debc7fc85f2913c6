import { describe, expect, it } from 'vitest';
import { asText, parseTemplate, syntaxError } from './expressions.js';
import { checkSequenceExpressions } from './check.js';
import { sequenceOf } from '../../test-support/sequences.js';

describe('templates and expression checks', () => {
  it('splits templates, respecting braces and quotes inside placeholders', () => {
    expect(parseTemplate('a {{ {"x": "}}"}.x }} b')).toEqual([
      { text: 'a ' },
      { expression: '{"x": "}}"}.x' },
      { text: ' b' },
    ]);
    expect(parseTemplate('no placeholders')).toEqual([{ text: 'no placeholders' }]);
    expect(parseTemplate('open {{ x')).toBe('"{{" at character 5 has no closing "}}"');
  });

  it('renders values inside text as strings or JSON', () => {
    expect([asText('s'), asText(2), asText({ a: 1 }), asText(null)]).toEqual([
      's',
      '2',
      '{"a":1}',
      '',
    ]);
  });

  it('reports JSONata syntax errors with the field path', () => {
    expect(syntaxError('a.b')).toBeNull();
    expect(syntaxError('a.(')).toMatch(/^JSONata S0\d+/);
    const issues = checkSequenceExpressions(
      sequenceOf([
        { type: 'transform', expression: 'ok' },
        {
          type: 'switch',
          cases: [
            { condition: '1 =', steps: [{ type: 'setHeader', name: 'x', value: '{{ ( }}' }] },
          ],
        },
      ]),
    );
    expect(issues.map((i) => i.path.join('.'))).toEqual([
      'steps.1.cases.0.condition',
      'steps.1.cases.0.steps.0.value',
    ]);
  });
});
