/**
 * `switch`: runs the steps of the first case whose JSONata condition is truthy
 * (JSONata's `$boolean`: empty strings, 0, null, empty arrays and objects are
 * false), else `default`; with neither, the step is traced as `skipped`.
 */
import type { SwitchStep } from '../../model/sequences.js';
import { evaluate } from '../expressions.js';
import type { StepHandler } from '../types.js';

export const switchStep: StepHandler<SwitchStep> = async (step, state, at) => {
  for (const [index, branch] of step.cases.entries()) {
    const matched = await evaluate(
      `$boolean((${branch.condition}\n))`,
      state,
      at.path,
      `cases[${index}].condition`,
    );
    if (matched === true) {
      await at.runSteps(branch.steps, state, `${at.path}.cases.${index}`);
      return;
    }
  }
  if (step.default) await at.runSteps(step.default, state, `${at.path}.default`);
  else at.skip();
};
