/**
 * Random valid sequences: they validate with the gateway's own schema, survive
 * YAML and JSON, and round-trip through the canvas model unchanged.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
// A test may check documents with the gateway's schema at runtime; the canvas code itself only imports types.
// eslint-disable-next-line @typescript-eslint/no-restricted-imports
import {
  sequenceSchema,
  type Sequence,
  type Step,
} from '../../../../gateway-runtime/src/model/sequences';
import {
  documentToGraph,
  graphToDocument,
  insertStep,
  moveStep,
  removeStep,
} from './sequence-model';

const text = fc.string({ minLength: 1, maxLength: 12 });
const expression = fc.constantFrom(
  'request.body',
  "request.method = 'GET'",
  '$merge([variables.a, variables.b])',
  'true',
);
const url = fc.constantFrom('http://127.0.0.1:9001/pets/1', 'https://example.com/owners?id=1');
const status = fc.integer({ min: 100, max: 599 });
const id = fc.option(fc.stringMatching(/^[a-z][a-z0-9-]{0,8}$/), { nil: undefined });
const withId = <T extends object>(arb: fc.Arbitrary<T>): fc.Arbitrary<T> =>
  fc
    .tuple(arb, id)
    .map(([step, stepId]) => (stepId === undefined ? step : { id: stepId, ...step }));

const leaf: fc.Arbitrary<Step> = fc.oneof(
  withId(
    fc.record(
      {
        type: fc.constant('log' as const),
        message: fc.string(),
        level: fc.constantFrom('debug', 'info', 'warn', 'error') as fc.Arbitrary<'info'>,
      },
      { requiredKeys: ['type', 'message'] },
    ),
  ),
  withId(fc.record({ type: fc.constant('setHeader' as const), name: text, value: fc.string() })),
  withId(fc.record({ type: fc.constant('removeHeader' as const), name: text })),
  withId(fc.record({ type: fc.constant('setVariable' as const), name: text, value: expression })),
  withId(fc.record({ type: fc.constant('transform' as const), expression })),
  withId(
    fc.record(
      {
        type: fc.constant('call' as const),
        endpoint: fc.record(
          {
            type: fc.constant('http' as const),
            url,
            method: fc.constantFrom('GET', 'POST') as fc.Arbitrary<'GET'>,
            headers: fc.dictionary(fc.stringMatching(/^[a-z-]{1,8}$/), fc.string()),
            timeoutMs: fc.integer({ min: 1, max: 60_000 }),
          },
          { requiredKeys: ['type', 'url'] },
        ),
        variable: text,
        onError: fc.constantFrom('fault', 'continue') as fc.Arbitrary<'fault'>,
      },
      { requiredKeys: ['type', 'endpoint', 'variable'] },
    ),
  ),
  withId(fc.record({ type: fc.constant('send' as const) })),
  withId(
    fc.record(
      {
        type: fc.constant('respond' as const),
        status,
        headers: fc.dictionary(fc.stringMatching(/^[a-z-]{1,8}$/), fc.string()),
        body: fc.jsonValue({ maxDepth: 2 }),
      },
      { requiredKeys: ['type'] },
    ),
  ),
  withId(
    fc.record(
      { type: fc.constant('fault' as const), status, code: text, message: fc.string() },
      { requiredKeys: ['type', 'code', 'message'] },
    ),
  ),
);

const { step } = fc.letrec<{ step: Step; steps: Step[] }>((tie) => ({
  step: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leaf,
    withId(
      fc.record({
        type: fc.constant('parallel' as const),
        branches: fc.array(fc.record({ steps: tie('steps') }), { minLength: 1, maxLength: 3 }),
      }),
    ),
    withId(
      fc.record(
        {
          type: fc.constant('switch' as const),
          cases: fc.array(fc.record({ condition: expression, steps: tie('steps') }), {
            maxLength: 3,
          }),
          default: tie('steps'),
        },
        { requiredKeys: ['type', 'cases'] },
      ),
    ),
    withId(
      fc.record({
        type: fc.constant('forEach' as const),
        items: expression,
        variable: text,
        steps: tie('steps'),
      }),
    ),
  ),
  steps: fc.array(tie('step'), { maxLength: 3 }),
}));

const sequence: fc.Arbitrary<Sequence> = fc.record(
  {
    name: fc.stringMatching(/^[a-z][a-z0-9-]{0,15}$/),
    description: fc.string(),
    steps: fc.array(step, { maxLength: 4 }),
  },
  { requiredKeys: ['name', 'steps'] },
);

describe('sequence model properties', () => {
  it('valid sequences validate, survive YAML and JSON, and round-trip through the canvas', () => {
    fc.assert(
      fc.property(sequence, (doc) => {
        expect(sequenceSchema.safeParse(doc).success).toBe(true);
        expect(parse(stringify(doc, { lineWidth: 0 }))).toEqual(doc);
        expect(JSON.parse(JSON.stringify(doc))).toEqual(doc);
        expect(graphToDocument(documentToGraph(doc))).toEqual(doc);
      }),
      { numRuns: 100 },
    );
  });

  it('inserting then removing a step, or moving one to the end and back, changes nothing', () => {
    fc.assert(
      fc.property(sequence, fc.nat(), (doc, pick) => {
        const at = doc.steps.length === 0 ? 0 : pick % (doc.steps.length + 1);
        const inserted = insertStep(doc, 'steps', at, { type: 'send' });
        expect(removeStep(inserted, `steps[${at}]`)).toEqual(doc);
        if (doc.steps.length > 1) {
          const from = pick % doc.steps.length;
          const last = doc.steps.length - 1;
          const moved = moveStep(doc, `steps[${from}]`, 'steps', doc.steps.length);
          const back = moveStep(moved, `steps[${last}]`, 'steps', from);
          expect(back).toEqual(doc);
          expect(graphToDocument(documentToGraph(moved))).toEqual(moved);
        }
      }),
      { numRuns: 100 },
    );
  });
});
