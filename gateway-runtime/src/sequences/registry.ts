/** One handler per step type; `satisfies` makes a missing or mistyped handler a compile error. */
import { callStep } from './steps/call.js';
import { faultStep } from './steps/fault.js';
import { forEachStep } from './steps/for-each.js';
import { logStep } from './steps/log.js';
import { parallelStep } from './steps/parallel.js';
import { removeHeaderStep } from './steps/remove-header.js';
import { respondStep } from './steps/respond.js';
import { sendStep } from './steps/send.js';
import { setHeaderStep } from './steps/set-header.js';
import { setVariableStep } from './steps/set-variable.js';
import { switchStep } from './steps/switch.js';
import { transformStep } from './steps/transform.js';
import type { StepHandlers } from './types.js';

export const stepHandlers = {
  log: logStep,
  setHeader: setHeaderStep,
  removeHeader: removeHeaderStep,
  setVariable: setVariableStep,
  transform: transformStep,
  call: callStep,
  parallel: parallelStep,
  switch: switchStep,
  forEach: forEachStep,
  send: sendStep,
  respond: respondStep,
  fault: faultStep,
} satisfies StepHandlers;
