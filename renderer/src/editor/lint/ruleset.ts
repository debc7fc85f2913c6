/**
 * The workspace's `.spectral.yaml`, read into the subset of Spectral's ruleset
 * format Portico supports:
 *
 * ```yaml
 * extends: [[spectral:oas, recommended], spectral:asyncapi]   # or one string
 * rules:
 *   operation-description: off        # error | warn | info | hint | off | true | false
 *   info-contact: error
 * ```
 *
 * `extends` takes `spectral:oas` and `spectral:asyncapi`, alone or as
 * `[name, recommended | all | off]`. `rules` overrides the severity of a rule
 * those rulesets define. Custom rules (`given`/`then`), custom functions,
 * `overrides`, `aliases` and remote rulesets are refused with a message naming
 * the field, never ignored silently.
 */
import { parse } from 'yaml';
import { z } from 'zod';

/** A built-in ruleset Portico can extend. */
export type RulesetName = 'oas' | 'asyncapi';
/** Which rules of an extended ruleset are on: its recommended ones, all, or none. */
export type RulesetMode = 'recommended' | 'all' | 'off';
/** A severity override as written in `rules:` (`true` keeps the rule's own severity, `false` is off). */
export type RuleSeverity = 'error' | 'warn' | 'info' | 'hint' | 'off' | boolean;

/** The validated ruleset: what the linter is configured with. */
export interface RulesetConfig {
  extends: { ruleset: RulesetName; mode: RulesetMode }[];
  rules: Record<string, RuleSeverity>;
}

/** When the workspace has no `.spectral.yaml`: both built-ins, recommended rules. */
export const defaultRuleset: RulesetConfig = {
  extends: [
    { ruleset: 'oas', mode: 'recommended' },
    { ruleset: 'asyncapi', mode: 'recommended' },
  ],
  rules: {},
};

const rulesetName = z.enum(['spectral:oas', 'spectral:asyncapi'], {
  error: 'expected spectral:oas or spectral:asyncapi',
});
const extendsEntry = z.union([
  rulesetName,
  z.tuple([rulesetName, z.enum(['recommended', 'all', 'off'])], {
    error: 'expected [spectral:oas | spectral:asyncapi, recommended | all | off]',
  }),
]);
const severity = z.union(
  [
    z.enum(['error', 'warn', 'info', 'hint', 'off']),
    z.boolean(),
    z.tuple([z.enum(['error', 'warn', 'info', 'hint', 'off'])]),
  ],
  {
    error:
      'expected a severity (error, warn, info, hint, off, true or false); custom rules are not supported',
  },
);
const file = z
  .object({
    extends: z.union([extendsEntry, z.array(extendsEntry)]).optional(),
    rules: z.record(z.string(), severity).optional(),
  })
  .strict();

/** A `.spectral.yaml` that cannot be used, with the field at fault in the message. */
export class RulesetError extends Error {
  override name = 'RulesetError';
}

/**
 * Parses `.spectral.yaml` text. `knownRules` (rule names of the built-in
 * rulesets) lets an override of a misspelt rule fail instead of doing nothing.
 */
export function parseRuleset(text: string, knownRules?: ReadonlySet<string>): RulesetConfig {
  let raw: unknown;
  try {
    raw = parse(text);
  } catch (e) {
    throw new RulesetError(`.spectral.yaml is not valid YAML: ${(e as Error).message}`);
  }
  if (raw === null || raw === undefined) return defaultRuleset;
  const parsed = file.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue && issue.path.length > 0 ? issue.path.join('.') : 'the file';
    const message =
      issue?.code === 'unrecognized_keys'
        ? `unsupported key(s) ${issue.keys.join(', ')}: only extends and rules are supported`
        : (issue?.message ?? 'invalid');
    throw new RulesetError(`.spectral.yaml: ${where}: ${message}`);
  }
  const ext = parsed.data.extends;
  // `extends: [spectral:oas, all]` is one tuple, not a list of two entries.
  const isTuple = (v: typeof ext): v is [z.infer<typeof rulesetName>, RulesetMode] =>
    Array.isArray(v) && v.length === 2 && typeof v[1] === 'string' && !v[1].startsWith('spectral:');
  const list: z.infer<typeof extendsEntry>[] =
    ext === undefined ? [] : typeof ext === 'string' || isTuple(ext) ? [ext] : ext;
  const extendsList = list.map((entry) => {
    const [name, mode] = typeof entry === 'string' ? [entry, 'recommended' as const] : entry;
    return { ruleset: name === 'spectral:oas' ? 'oas' : 'asyncapi', mode } as const;
  });
  const rules: Record<string, RuleSeverity> = {};
  for (const [name, value] of Object.entries(parsed.data.rules ?? {})) {
    if (knownRules && !knownRules.has(name)) {
      throw new RulesetError(
        `.spectral.yaml: rules.${name}: no such rule in spectral:oas or spectral:asyncapi`,
      );
    }
    rules[name] = Array.isArray(value) ? value[0] : value;
  }
  return { extends: extendsList.length > 0 ? extendsList : defaultRuleset.extends, rules };
}
