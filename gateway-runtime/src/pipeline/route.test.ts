import { afterAll, describe, expect, it } from 'vitest';
import { parsed, testApi, testBundle } from '../../test-support/bundles.js';
import { fakeContext } from '../../test-support/context.js';
import { GatewayError } from '../errors.js';
import { compileDeployment } from '../runtime/deployment.js';
import { route, toRouterPath } from './route.js';

const bundle = parsed(
  testBundle([
    testApi('http://127.0.0.1:1'),
    testApi('http://127.0.0.1:1', {
      id: 'svc2',
      version: 'v2',
      isDefaultVersion: false,
      operations: [{ method: 'GET', target: '/items' }],
    }),
    testApi('http://127.0.0.1:1', {
      id: 'deep',
      context: '/a/b',
      version: '2.0',
      isDefaultVersion: false,
      operations: [],
    }),
  ]),
);
const deployment = compileDeployment(bundle);
afterAll(() => deployment.resources.retire());

function routeOf(method: string, url: string) {
  const ctx = fakeContext({ method, url });
  route(ctx, deployment.routes);
  return ctx;
}

function errorOf(method: string, url: string): GatewayError {
  try {
    routeOf(method, url);
  } catch (error) {
    if (error instanceof GatewayError) return error;
    throw error;
  }
  throw new Error(`${method} ${url} routed`);
}

describe('route', () => {
  it('resolves context and version, then the operation template with its parameters', () => {
    const ctx = routeOf('GET', '/svc/v1/items/42?x=1');
    expect(ctx.api?.spec.id).toBe('svc');
    expect(ctx.operation?.template).toBe('/items/{id}');
    expect(ctx.pathParams).toEqual({ id: '42' });
    expect(ctx.rest).toBe('/items/42');
    expect(ctx.query).toBe('?x=1');
  });

  it('serves the default version at the bare context, and other versions at theirs', () => {
    expect(routeOf('GET', '/svc/items').api?.spec.id).toBe('svc');
    expect(routeOf('GET', '/svc/v2/items').api?.spec.id).toBe('svc2');
  });

  it('passes every path and method through for an API without operations', () => {
    const ctx = routeOf('DELETE', '/a/b/2.0/anything/at/all');
    expect(ctx.api?.spec.id).toBe('deep');
    expect(ctx.operation?.template).toBe('/*');
    expect(ctx.rest).toBe('/anything/at/all');
    expect(routeOf('GET', '/a/b/2.0').rest).toBe('/');
  });

  it('answers 404 for an unknown API and for an unknown operation', () => {
    expect(errorOf('GET', '/nothing/here').code).toBe('API_NOT_FOUND');
    expect(errorOf('GET', '/svcx/v1/items').code).toBe('API_NOT_FOUND');
    expect(errorOf('GET', '/svc/v1/unknown').code).toBe('OPERATION_NOT_FOUND');
    expect(errorOf('GET', '/svc/v2/items/1').code).toBe('OPERATION_NOT_FOUND');
  });

  it('answers 405 with Allow when the path exists under other methods', () => {
    const error = errorOf('DELETE', '/svc/v1/items');
    expect(error.status).toBe(405);
    expect(error.headers?.allow).toBe('GET, POST');
  });

  it('rejects dot segments and non-path targets with 400', () => {
    expect(errorOf('GET', '/svc/v1/items/../admin').code).toBe('BAD_REQUEST');
    expect(errorOf('GET', '/svc/v1/%2E%2E/x').code).toBe('BAD_REQUEST');
    expect(errorOf('GET', 'http://evil/svc/v1/items').code).toBe('BAD_REQUEST');
  });

  it('answers 404 when nothing is deployed', () => {
    const ctx = fakeContext({ url: '/svc/v1/items' });
    expect(() => route(ctx, null)).toThrow(expect.objectContaining({ code: 'API_NOT_FOUND' }));
  });

  it('turns {param} templates into find-my-way paths and keeps literal colons', () => {
    expect(toRouterPath('/pets/{id}/toys/{toyId}')).toBe('/pets/:id/toys/:toyId');
    expect(toRouterPath('/models/{model}:generate')).toBe('/models/:model::generate');
  });
});
