import { describe, expect, it } from 'vitest';
import {
  contextPattern,
  isSafeFolderName,
  isValidApiName,
  kebab,
  sanitizeApiName,
  sanitizeVersion,
} from './paths.js';

describe('workspace names', () => {
  it('derives contexts as kebab-case names', () => {
    expect(kebab('PetStore')).toBe('petstore');
    expect(kebab('Swagger Petstore - OpenAPI 3.0')).toBe('swagger-petstore-openapi-3-0');
    expect(kebab('  Ünïcode Café ')).toBe('unicode-cafe');
    expect(kebab('目录')).toBe('');
  });

  it('drops characters API Manager and file systems refuse from derived names', () => {
    expect(sanitizeApiName('Pets/Store: v2 (beta)')).toBe('Pets Store v2 beta');
    expect(sanitizeApiName('../../etc/passwd')).toBe('etc passwd');
    expect(sanitizeApiName('a\u0000b')).toBe('a b');
    expect(sanitizeApiName('***')).toBe('');
  });

  it('accepts given names only when they need no change', () => {
    expect(isValidApiName('Pet Store')).toBe(true);
    expect(isValidApiName('Pets/Store')).toBe(false);
    expect(isValidApiName(' Pets')).toBe(false);
    expect(isValidApiName('.hidden')).toBe(false);
  });

  it('turns document versions into one path segment', () => {
    expect(sanitizeVersion('1.0.0')).toBe('1.0.0');
    expect(sanitizeVersion('2024-01 beta/2')).toBe('2024-01-beta-2');
    expect(sanitizeVersion('///')).toBe('');
  });

  it('allows only plain folder names for API ids', () => {
    expect(isSafeFolderName('PetStore-1.0.0')).toBe(true);
    expect(isSafeFolderName('Pet Store-1.0.0')).toBe(true);
    for (const bad of ['', '..', '.git', 'a/b', 'a\\b', 'a:b', 'trailing.', ' x']) {
      expect(isSafeFolderName(bad), bad).toBe(false);
    }
  });

  it('checks contexts as the gateway does', () => {
    for (const good of ['/petstore', '/a/b-c/d.e_f~g'])
      expect(contextPattern.test(good), good).toBe(true);
    for (const bad of ['petstore', '/', '/pets/', '/pet store', '/a//b', '/{version}']) {
      expect(contextPattern.test(bad), bad).toBe(false);
    }
  });
});
