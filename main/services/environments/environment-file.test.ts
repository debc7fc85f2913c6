import { describe, expect, it } from 'vitest';
import { parseEnvironment, serializeEnvironment, validateEnvironment } from './environment-file.js';

describe('environment files', () => {
  it('writes keys in a fixed order and reads back the same environment', () => {
    const input = {
      endpoints: {
        'Zeta-1': { sandbox: 'http://s.example' },
        'Alpha-1': { production: 'https://p.example' },
      },
      secrets: ['openai-key'],
      nodes: [
        {
          tls: { keySecret: 'k', certFile: 'c.pem' },
          tokenSecret: 't',
          adminUrl: 'https://gw:9090',
          name: 'n1',
        },
      ],
      name: 'prod',
    };
    const result = validateEnvironment(input);
    if (!result.ok) throw new Error(result.message);
    const text = serializeEnvironment(result.environment);
    expect(text).toBe(
      'name: prod\nnodes:\n  - name: n1\n    adminUrl: https://gw:9090\n    tokenSecret: t\n    tls:\n' +
        '      certFile: c.pem\n      keySecret: k\nsecrets:\n  - openai-key\nendpoints:\n' +
        '  Alpha-1:\n    production: https://p.example\n  Zeta-1:\n    sandbox: http://s.example\n',
    );
    expect(parseEnvironment(text)).toEqual({ ok: true, environment: result.environment });
  });

  it('names the field and what would be valid', () => {
    const bad = parseEnvironment('name: Prod\nnodes:\n  - name: a\n    adminUrl: ftp://x\n');
    expect(bad.ok).toBe(false);
    if (bad.ok) return;
    expect(bad.message).toContain('name');
    expect(bad.message).toContain('nodes[0].adminUrl');
    expect(bad.message).toContain('http:// or https://');
    const noKey = validateEnvironment({
      name: 'x',
      nodes: [{ name: 'a', adminUrl: 'https://a', tls: { certFile: 'c.pem' } }],
    });
    expect(noKey.ok ? '' : noKey.message).toContain('nodes[0].tls.keySecret');
  });
});
