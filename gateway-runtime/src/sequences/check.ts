/**
 * Static checks of a sequence's expressions and templates, so a typo surfaces as a
 * 400 with the field's path (`sequence.steps[2].expression`) before anything runs.
 * The schema checks shapes; this checks the JSONata inside them.
 */
import type { Sequence, Step } from '../model/sequences.js';
import { parseTemplate, syntaxError } from './expressions.js';

/** One problem: the field path (as segments) and what is wrong. */
export interface ExpressionIssue {
  path: (string | number)[];
  message: string;
}

type Path = (string | number)[];

function checkExpression(expression: string, path: Path, out: ExpressionIssue[]): void {
  const error = syntaxError(expression);
  if (error) out.push({ path, message: `is not a valid JSONata expression: ${error}` });
}

function checkTemplate(template: string, path: Path, out: ExpressionIssue[]): void {
  if (!template.includes('{{')) return;
  const parts = parseTemplate(template);
  if (typeof parts === 'string') {
    out.push({ path, message: `is not a valid template: ${parts}` });
    return;
  }
  for (const part of parts) {
    if (!('expression' in part)) continue;
    const error = syntaxError(part.expression);
    if (error)
      out.push({
        path,
        message: `holds an invalid {{ }} expression "${part.expression}": ${error}`,
      });
  }
}

function checkDeep(value: unknown, path: Path, out: ExpressionIssue[]): void {
  if (typeof value === 'string') checkTemplate(value, path, out);
  else if (Array.isArray(value)) value.forEach((item, i) => checkDeep(item, [...path, i], out));
  else if (value !== null && typeof value === 'object')
    for (const [key, item] of Object.entries(value)) checkDeep(item, [...path, key], out);
}

function checkSteps(steps: readonly Step[], path: Path, out: ExpressionIssue[]): void {
  steps.forEach((step, index) => {
    const at = [...path, index];
    switch (step.type) {
      case 'log':
        checkTemplate(step.message, [...at, 'message'], out);
        break;
      case 'setHeader':
      case 'setVariable':
        checkTemplate(step.value, [...at, 'value'], out);
        break;
      case 'removeHeader':
      case 'send':
        break;
      case 'transform':
        checkExpression(step.expression, [...at, 'expression'], out);
        break;
      case 'call':
        checkTemplate(step.endpoint.url, [...at, 'endpoint', 'url'], out);
        checkDeep(step.endpoint.headers, [...at, 'endpoint', 'headers'], out);
        checkDeep(step.endpoint.body, [...at, 'endpoint', 'body'], out);
        break;
      case 'parallel':
        step.branches.forEach((branch, b) =>
          checkSteps(branch.steps, [...at, 'branches', b, 'steps'], out),
        );
        break;
      case 'switch':
        step.cases.forEach((branch, c) => {
          checkExpression(branch.condition, [...at, 'cases', c, 'condition'], out);
          checkSteps(branch.steps, [...at, 'cases', c, 'steps'], out);
        });
        if (step.default) checkSteps(step.default, [...at, 'default'], out);
        break;
      case 'forEach':
        checkExpression(step.items, [...at, 'items'], out);
        checkSteps(step.steps, [...at, 'steps'], out);
        break;
      case 'respond':
        checkDeep(step.headers, [...at, 'headers'], out);
        checkDeep(step.body, [...at, 'body'], out);
        break;
      case 'fault':
        checkTemplate(step.message, [...at, 'message'], out);
        break;
    }
  });
}

/** Every JSONata syntax problem in a sequence; paths start at the sequence (`steps`, 2, ...). */
export function checkSequenceExpressions(sequence: Sequence): ExpressionIssue[] {
  const out: ExpressionIssue[] = [];
  checkSteps(sequence.steps, ['steps'], out);
  return out;
}
