/**
 * Sequences: named lists of steps (DESIGN.md section 6), a discriminated union on
 * `type`. `parallel`, `switch` and `forEach` nest steps, hence the lazy getters.
 * Expressions are JSONata strings; nothing here evaluates them.
 */
import { z } from 'zod';
import { httpUrl, name, strict, timeoutMs } from './common.js';

/** Every step may carry an id (the canvas uses it to keep positions stable). */
const common = { id: z.string().min(1).optional() };

const headerMap = z.record(z.string(), z.string());
const status = z
  .number()
  .int('must be a whole number')
  .min(100, 'must be 100-599')
  .max(599, 'must be 100-599');

export const logStep = strict({
  ...common,
  type: z.literal('log'),
  message: z.string(),
  level: z.enum(['debug', 'info', 'warn', 'error']).optional(),
});
export const setHeaderStep = strict({
  ...common,
  type: z.literal('setHeader'),
  name: z.string().min(1),
  value: z.string(),
});
export const removeHeaderStep = strict({
  ...common,
  type: z.literal('removeHeader'),
  name: z.string().min(1),
});
export const setVariableStep = strict({
  ...common,
  type: z.literal('setVariable'),
  name: z.string().min(1),
  value: z.string(),
});
/** Its expression's result becomes the message body. */
export const transformStep = strict({
  ...common,
  type: z.literal('transform'),
  expression: z.string().min(1),
});

/** An HTTP call whose `{ status, headers, body }` lands in `variable`. */
export const callStep = strict({
  ...common,
  type: z.literal('call'),
  endpoint: strict({
    type: z.literal('http'),
    url: httpUrl,
    method: z.enum(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS']).optional(),
    headers: headerMap.optional(),
    body: z.unknown().optional(),
    timeoutMs: timeoutMs.optional(),
  }),
  variable: z.string().min(1),
  onError: z.enum(['fault', 'continue']).optional(),
});
export const sendStep = strict({ ...common, type: z.literal('send') });
/** Ends the run with a response; `body` defaults to the current message. */
export const respondStep = strict({
  ...common,
  type: z.literal('respond'),
  status: status.optional(),
  headers: headerMap.optional(),
  body: z.unknown().optional(),
});
export const faultStep = strict({
  ...common,
  type: z.literal('fault'),
  status: status.optional(),
  code: z.string().min(1),
  message: z.string(),
});

export const parallelStep = strict({
  ...common,
  type: z.literal('parallel'),
  get branches() {
    return z.array(strict({ steps: z.array(stepSchema) })).min(1, 'must hold at least one branch');
  },
});
export const switchStep = strict({
  ...common,
  type: z.literal('switch'),
  get cases() {
    return z.array(strict({ condition: z.string().min(1), steps: z.array(stepSchema) }));
  },
  get default() {
    return z.array(stepSchema).optional();
  },
});
export const forEachStep = strict({
  ...common,
  type: z.literal('forEach'),
  items: z.string().min(1),
  variable: z.string().min(1),
  get steps() {
    return z.array(stepSchema);
  },
});

/** One step of a sequence. */
export const stepSchema: z.ZodType<Step> = z.lazy(() =>
  z.discriminatedUnion(
    'type',
    [
      logStep,
      setHeaderStep,
      removeHeaderStep,
      setVariableStep,
      transformStep,
      callStep,
      parallelStep,
      switchStep,
      forEachStep,
      sendStep,
      respondStep,
      faultStep,
    ],
    { error: `must have a "type" of ${stepTypes.join(', ')}` },
  ),
);

export const stepTypes = [
  'log',
  'setHeader',
  'removeHeader',
  'setVariable',
  'transform',
  'call',
  'parallel',
  'switch',
  'forEach',
  'send',
  'respond',
  'fault',
] as const;

export type LogStep = z.infer<typeof logStep>;
export type SetHeaderStep = z.infer<typeof setHeaderStep>;
export type RemoveHeaderStep = z.infer<typeof removeHeaderStep>;
export type SetVariableStep = z.infer<typeof setVariableStep>;
export type TransformStep = z.infer<typeof transformStep>;
export type CallStep = z.infer<typeof callStep>;
export type SendStep = z.infer<typeof sendStep>;
export type RespondStep = z.infer<typeof respondStep>;
export type FaultStep = z.infer<typeof faultStep>;
export interface ParallelStep {
  id?: string | undefined;
  type: 'parallel';
  branches: { steps: Step[] }[];
}
export interface SwitchStep {
  id?: string | undefined;
  type: 'switch';
  cases: { condition: string; steps: Step[] }[];
  default?: Step[] | undefined;
}
export interface ForEachStep {
  id?: string | undefined;
  type: 'forEach';
  items: string;
  variable: string;
  steps: Step[];
}
export type Step =
  | LogStep
  | SetHeaderStep
  | RemoveHeaderStep
  | SetVariableStep
  | TransformStep
  | CallStep
  | ParallelStep
  | SwitchStep
  | ForEachStep
  | SendStep
  | RespondStep
  | FaultStep;

const limit = (max: number, unit: string) =>
  z
    .number()
    .int(`must be a whole number of ${unit}`)
    .positive('must be greater than 0')
    .max(max, `must be at most ${max}`);

/**
 * Per-run limits (README "Sequences"); each absent field keeps its default. Breaching
 * one ends the run with SEQUENCE_LIMIT or SEQUENCE_TIMEOUT, never a hung request.
 */
export const sequenceLimitsSchema = strict({
  /** Wall-clock budget of one run (default 30000). */
  timeoutMs: limit(600_000, 'milliseconds').optional(),
  /** Steps executed in one run, nested ones and every loop pass included (default 1000). */
  maxSteps: limit(1_000_000, 'steps').optional(),
  /** Items one `forEach` may loop over (default 100). */
  maxIterations: limit(100_000, 'iterations').optional(),
  /** Largest message body (request, call or backend response, transform result) (default 10 MiB). */
  maxBodyBytes: limit(50 * 1024 * 1024, 'bytes').optional(),
});
export type SequenceLimits = z.infer<typeof sequenceLimitsSchema>;

/** A named sequence. */
export const sequenceSchema = strict({
  name,
  description: z.string().optional(),
  steps: z.array(stepSchema),
  limits: sequenceLimitsSchema.optional(),
});
export type Sequence = z.infer<typeof sequenceSchema>;
