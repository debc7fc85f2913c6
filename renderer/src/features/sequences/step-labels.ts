/** How steps read on the canvas: a type label and a one-line summary of what the step does. */
import type { Step } from '../../../../gateway-runtime/src/model/sequences';
import { stepCatalogue, type StepType } from './sequence-model';

export function stepLabel(type: StepType): string {
  return stepCatalogue.find((s) => s.type === type)?.label ?? type;
}

const clip = (text: string, max = 36): string =>
  text.length > max ? `${text.slice(0, max - 1)}…` : text;

export function stepSummary(step: Step): string {
  switch (step.type) {
    case 'log':
      return clip(step.message);
    case 'setHeader':
    case 'setVariable':
      return clip(`${step.name} = ${step.value}`);
    case 'removeHeader':
      return step.name;
    case 'transform':
      return clip(step.expression);
    case 'call':
      return clip(`${step.endpoint.method ?? 'GET'} ${step.endpoint.url} → ${step.variable}`);
    case 'parallel':
      return `${step.branches.length} branches`;
    case 'switch':
      return `${step.cases.length} case${step.cases.length === 1 ? '' : 's'}${step.default ? ' + default' : ''}`;
    case 'forEach':
      return clip(`${step.variable} in ${step.items}`);
    case 'send':
      return "to the API's endpoint";
    case 'respond':
      return `${step.status ?? 200}${step.body === undefined ? ' with the message' : ''}`;
    case 'fault':
      return clip(`${step.status ?? 500} ${step.code}`);
  }
}
