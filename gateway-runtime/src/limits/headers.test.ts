import { describe, expect, it } from 'vitest';
import { rateOf } from './gcra.js';
import { rateLimitHeaders, sfString } from './headers.js';

describe('RateLimit headers', () => {
  it('quotes policy names as structured-field strings', () => {
    expect(sfString('subscription:Gold')).toBe('"subscription:Gold"');
    expect(sfString('say "hi" \\ café')).toBe('"say \\"hi\\" \\\\ caf?"');
  });

  it('lists advertised checks only, with quota, window, remaining and reset', () => {
    const base = { cost: 1, hard: true, consume: true };
    const headers = rateLimitHeaders(
      [
        {
          ...base,
          key: 'a',
          rate: rateOf(20, 1000),
          label: 'subscription:Gold:burst',
          advertise: true,
        },
        {
          ...base,
          key: 'b',
          rate: rateOf(5000, 60_000),
          label: 'subscription:Gold:totalTokens',
          advertise: false,
        },
        { ...base, key: 'c', rate: rateOf(1000, 86_400_000), label: 'api:daily', advertise: true },
      ],
      [
        { allowed: true, remaining: 19, resetMs: 50, retryAfterMs: 0 },
        { allowed: true, remaining: 4000, resetMs: 12_000, retryAfterMs: 0 },
        { allowed: false, remaining: 0, resetMs: 86_400_000, retryAfterMs: 86_400 },
      ],
    );
    expect(headers).toEqual({
      'ratelimit-policy': '"subscription:Gold:burst";q=20;w=1, "api:daily";q=1000;w=86400',
      ratelimit: '"subscription:Gold:burst";r=19;t=1, "api:daily";r=0;t=86400',
    });
    expect(rateLimitHeaders([], [])).toBeNull();
  });
});
