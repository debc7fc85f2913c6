import { describe, expect, it } from 'vitest';
import { RulesetError, defaultRuleset, parseRuleset } from './ruleset.js';
import { knownRules } from './spectral-lint.js';

describe('parseRuleset', () => {
  it('reads extends in its three shapes and severity overrides', () => {
    expect(parseRuleset('extends: spectral:oas\n', knownRules).extends).toEqual([
      { ruleset: 'oas', mode: 'recommended' },
    ]);
    expect(parseRuleset('extends: [spectral:oas, all]\n', knownRules).extends).toEqual([
      { ruleset: 'oas', mode: 'all' },
    ]);
    const config = parseRuleset(
      'extends: [[spectral:oas, recommended], spectral:asyncapi]\nrules:\n  info-contact: off\n  operation-description: [error]\n  oas3-schema: true\n',
      knownRules,
    );
    expect(config).toEqual({
      extends: [
        { ruleset: 'oas', mode: 'recommended' },
        { ruleset: 'asyncapi', mode: 'recommended' },
      ],
      rules: { 'info-contact': 'off', 'operation-description': 'error', 'oas3-schema': true },
    });
  });

  it('falls back to the defaults for an empty file or one without extends', () => {
    expect(parseRuleset('', knownRules)).toEqual(defaultRuleset);
    expect(parseRuleset('rules: {info-contact: off}\n', knownRules).extends).toEqual(
      defaultRuleset.extends,
    );
  });

  it('names the field at fault', () => {
    expect(() => parseRuleset('extends: spectral:foo\n', knownRules)).toThrow(RulesetError);
    expect(() => parseRuleset('extends: spectral:foo\n', knownRules)).toThrow(/extends/);
    expect(() => parseRuleset('rules:\n  no-such-rule: off\n', knownRules)).toThrow(
      /rules\.no-such-rule: no such rule/,
    );
    expect(() =>
      parseRuleset(
        'rules:\n  info-contact:\n    given: $\n    then: {function: truthy}\n',
        knownRules,
      ),
    ).toThrow(/rules\.info-contact: .*custom rules are not supported/);
    expect(() => parseRuleset('overrides: []\n', knownRules)).toThrow(
      /unsupported key\(s\) overrides/,
    );
    expect(() => parseRuleset('extends: [\n', knownRules)).toThrow(/not valid YAML/);
  });
});
