/** `log`: writes its rendered message to the gateway's log (debug goes out as info). */
import type { LogStep } from '../../model/sequences.js';
import { asText, render } from '../expressions.js';
import type { StepHandler } from '../types.js';

export const logStep: StepHandler<LogStep> = async (step, state, at) => {
  const message = asText(await render(step.message, state, at.path, 'message'));
  const level = step.level ?? 'info';
  const { host, sequence } = state.shared;
  const fields = { sequence, step: at.path, requestId: host.requestId };
  if (level === 'error') host.logger.error(message, fields);
  else if (level === 'warn') host.logger.warn(message, fields);
  else host.logger.info(message, { ...fields, level });
  if (host.detailed) at.note({ log: { level, message } });
};
