import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { errorBody, errorCatalogue, GatewayError, type ErrorCode } from './errors.js';

const codes = Object.keys(errorCatalogue) as ErrorCode[];
const docs = (relative: string) =>
  readFileSync(fileURLToPath(new URL(relative, import.meta.url)), 'utf8');

describe('error catalogue', () => {
  it('gives every code an HTTP error status and a message', () => {
    for (const code of codes) {
      const { status, message } = errorCatalogue[code];
      expect(status, code).toBeGreaterThanOrEqual(400);
      expect(status, code).toBeLessThan(600);
      expect(message.length, code).toBeGreaterThan(0);
    }
  });

  it('formats { code, message, description }', () => {
    expect(errorBody('API_NOT_FOUND')).toEqual({
      code: 'API_NOT_FOUND',
      message: 'No API is deployed at this path',
      description: 'No API is deployed at this path',
    });
    const error = new GatewayError('BACKEND_TIMEOUT', 'after 5 ms');
    expect([error.status, error.code, error.description]).toEqual([
      504,
      'BACKEND_TIMEOUT',
      'after 5 ms',
    ]);
  });

  it.each([
    ['gateway-runtime/ERRORS.md', '../ERRORS.md'],
    ['README.md', '../../README.md'],
  ])('documents every code with its status in %s', (_name, relative) => {
    const text = docs(relative);
    const missing = codes.filter(
      (code) =>
        !new RegExp(`\\|\\s*\`${code}\`\\s*\\|\\s*${errorCatalogue[code].status}\\s*\\|`).test(
          text,
        ),
    );
    expect(missing).toEqual([]);
  });
});
