import { describe, expect, it } from 'vitest';
import { aiEndpointSchema } from '../model/api.js';
import { compileAiTargets, upstreamTarget } from './targets.js';

const endpoint = (input: unknown) => aiEndpointSchema.parse(input);

describe('AI targets', () => {
  it('compiles the primary then each fallback, vendors resolved, URLs split', () => {
    const targets = compileAiTargets(
      endpoint({
        type: 'ai',
        vendor: 'azure-openai',
        url: 'https://x.openai.azure.com/openai/deployments/gpt-4o/?api-version=2024-10-21',
        secretRef: 'azure-key',
        fallbacks: [
          {
            type: 'ai',
            vendor: 'openai',
            url: 'https://api.openai.com/v1',
            model: 'gpt-4o-mini',
            timeoutMs: 5000,
          },
        ],
      }),
      [],
    );
    expect(
      targets.map((t) => [
        t.index,
        t.label,
        t.vendor.spec.name,
        t.origin,
        t.basePath,
        t.baseQuery,
        t.secretRef,
        t.model,
        t.timeoutMs,
      ]),
    ).toEqual([
      [
        0,
        'primary',
        'azure-openai',
        'https://x.openai.azure.com',
        '/openai/deployments/gpt-4o',
        'api-version=2024-10-21',
        'azure-key',
        null,
        120_000,
      ],
      [1, 'fallbacks[0]', 'openai', 'https://api.openai.com', '/v1', '', null, 'gpt-4o-mini', 5000],
    ]);
    const [azure] = targets;
    if (!azure) throw new Error('no target');
    expect(upstreamTarget(azure, '/chat/completions', '?trace=1')).toEqual({
      path: '/openai/deployments/gpt-4o/chat/completions?api-version=2024-10-21&trace=1',
      pathOnly: '/openai/deployments/gpt-4o/chat/completions',
    });
  });

  it('rejects token limits without a window, naming the field', () => {
    const result = aiEndpointSchema.safeParse({
      type: 'ai',
      vendor: 'openai',
      url: 'https://api.openai.com/v1',
      fallbacks: [
        { type: 'ai', vendor: 'openai', url: 'https://api.openai.com/v1', tokens: { total: 10 } },
      ],
    });
    expect(result.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['fallbacks.0.tokens', expect.stringContaining('needs a "limit" beside it')],
    ]);
  });
});
