/**
 * `setVariable`: stores its rendered value. A value that is one `{{ expression }}`
 * keeps the expression's type (object, array, number); other text stays text.
 */
import type { SetVariableStep } from '../../model/sequences.js';
import { render } from '../expressions.js';
import type { StepHandler } from '../types.js';

export const setVariableStep: StepHandler<SetVariableStep> = async (step, state, at) => {
  const value = await render(step.value, state, at.path, 'value');
  state.scope.variables[step.name] = value === undefined ? null : value;
  state.scope.written.add(step.name);
};
