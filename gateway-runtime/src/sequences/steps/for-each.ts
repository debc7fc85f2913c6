/**
 * `forEach`: evaluates `items`; an array loops over its elements, a single value
 * loops once, nothing loops zero times. Each pass sets `variable` to the item (it
 * keeps the last one afterwards). More items than the run's `maxIterations` fault
 * with SEQUENCE_LIMIT before the first pass.
 */
import type { ForEachStep } from '../../model/sequences.js';
import { evaluate } from '../expressions.js';
import { runError } from '../faults.js';
import type { StepHandler } from '../types.js';

export const forEachStep: StepHandler<ForEachStep> = async (step, state, at) => {
  const value = await evaluate(step.items, state, at.path, 'items');
  const items = value === undefined || value === null ? [] : Array.isArray(value) ? value : [value];
  const limit = state.shared.limits.maxIterations;
  if (items.length > limit)
    throw runError(
      'SEQUENCE_LIMIT',
      `step ${at.path} items: ${items.length} items is over the limit of ${limit} iterations`,
    );
  for (const item of items) {
    if (state.responded) return;
    state.scope.variables[step.variable] = item;
    state.scope.written.add(step.variable);
    await at.runSteps(step.steps, state, `${at.path}.steps`);
  }
};
