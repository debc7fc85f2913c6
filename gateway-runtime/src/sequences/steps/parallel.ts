/**
 * `parallel`: scatter-gather. Every branch starts at once on its own copy of the
 * variables and of the message. The join, once every branch has finished:
 * - variables a branch set are copied back, branch by branch in document order, so
 *   when two branches set the same variable the later branch wins;
 * - message changes made inside branches are dropped (gather results into variables
 *   with `call` or `setVariable`, then `transform`);
 * - a `respond` inside a branch ends the run with that branch's response (the
 *   lowest-numbered responding branch wins);
 * - the first branch to fault cancels its siblings and the step faults with it.
 */
import type { ParallelStep } from '../../model/sequences.js';
import type { Message, RunState, StepHandler } from '../types.js';

function copyMessage(message: Message): Message {
  return { ...message, headers: { ...message.headers } };
}

export const parallelStep: StepHandler<ParallelStep> = async (step, state, at) => {
  const cancel = new AbortController();
  const signal = AbortSignal.any([state.signal, cancel.signal]);
  const branches: RunState[] = step.branches.map(() => ({
    ...state,
    message: copyMessage(state.message),
    scope: { variables: { ...state.scope.variables }, written: new Set<string>() },
    signal,
    responded: false,
  }));
  let firstError: { error: unknown } | null = null;
  await Promise.all(
    step.branches.map(async (branch, index) => {
      const branchState = branches[index] as RunState;
      try {
        await at.runSteps(branch.steps, branchState, `${at.path}.branches.${index}`);
      } catch (error) {
        if (!firstError) {
          firstError = { error };
          cancel.abort(error);
        }
      }
    }),
  );
  if (firstError) throw (firstError as { error: unknown }).error;
  for (const branch of branches) {
    for (const name of branch.scope.written) {
      state.scope.variables[name] = branch.scope.variables[name];
      state.scope.written.add(name);
    }
  }
  const responder = branches.find((branch) => branch.responded);
  if (responder) {
    state.message = responder.message;
    state.responded = true;
  }
};
