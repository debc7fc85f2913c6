import { describe, expect, it } from 'vitest';
import { REDACTED, redactHeaders } from './redact.js';

describe('redactHeaders', () => {
  it('replaces credentials and cookies, keeping the auth scheme', () => {
    const out = redactHeaders({
      authorization: 'Bearer eyJhbGciOi.secret.sig',
      apikey: 'k-123',
      'x-api-key': 'k-456',
      cookie: 'session=abc',
      'set-cookie': ['a=1', 'b=2'],
      accept: 'application/json',
    });
    expect(out).toEqual({
      authorization: `Bearer ${REDACTED}`,
      apikey: REDACTED,
      'x-api-key': REDACTED,
      cookie: REDACTED,
      'set-cookie': REDACTED,
      accept: 'application/json',
    });
    expect(JSON.stringify(out)).not.toMatch(/secret|k-123|k-456|session=abc/);
  });

  it('redacts the API key header an API configures and joins repeated values', () => {
    const out = redactHeaders(
      { 'X-Portico-Key': 'topsecret', via: ['a', 'b'], 'content-length': 12 },
      'x-portico-key',
    );
    expect(out).toEqual({ 'x-portico-key': REDACTED, via: 'a, b', 'content-length': '12' });
  });

  it('redacts a scheme-less authorization value whole', () => {
    expect(redactHeaders({ authorization: 'opaque' })).toEqual({ authorization: REDACTED });
  });
});
