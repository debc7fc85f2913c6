import { describe, expect, it } from 'vitest';
import {
  configFrom,
  draftFrom,
  emptyDraft,
  emptyNode,
  referencedSecrets,
  validateDraft,
} from './environment-validation';

describe('environment drafts', () => {
  it('names each field that is wrong', () => {
    const draft = emptyDraft();
    draft.nodes.push({ ...emptyNode(1), adminUrl: 'ftp://x', tokenSecret: 'bad secret' });
    draft.secrets = 'ok-key, not ok';
    draft.overrides.push({ apiId: '', production: 'nope', sandbox: '' });
    const errors = validateDraft(draft);
    expect(errors.name).toMatch(/^Name:/);
    expect(errors['nodes[0].adminUrl']).toMatch(/^Node 1 admin URL:/);
    expect(errors['nodes[1].name']).toMatch(/used by another node/);
    expect(errors['nodes[1].tokenSecret']).toMatch(/^Node 2 admin token secret:/);
    expect(errors.secrets).toMatch(/"not ok"/);
    expect(errors['overrides[0].apiId']).toMatch(/^Override 1 API:/);
    expect(errors['overrides[0].production']).toMatch(/^Override 1 production URL:/);
  });

  it('turns a valid draft into the environment file and back', () => {
    const config = configFrom({
      name: 'staging',
      description: '',
      nodes: [
        {
          ...emptyNode(1),
          name: 'gw1',
          adminUrl: ' http://127.0.0.1:9090 ',
          tokenSecret: 'staging-admin',
        },
      ],
      secrets: 'a, b',
      overrides: [{ apiId: 'PetStore-1.0.0', production: 'https://p.example.com', sandbox: '' }],
    });
    expect(config).toEqual({
      name: 'staging',
      nodes: [{ name: 'gw1', adminUrl: 'http://127.0.0.1:9090', tokenSecret: 'staging-admin' }],
      secrets: ['a', 'b'],
      endpoints: { 'PetStore-1.0.0': { production: 'https://p.example.com' } },
    });
    expect(validateDraft(draftFrom(config))).toEqual({});
  });

  it('keeps TLS options, and asks for https and a complete client certificate', () => {
    const draft = emptyDraft();
    draft.name = 'prod';
    draft.nodes[0] = {
      ...emptyNode(1),
      adminUrl: 'http://gw.example.com:9443',
      certFile: 'certs/studio.pem',
    };
    const errors = validateDraft(draft);
    expect(errors['nodes[0].adminUrl']).toMatch(/TLS options need an https:\/\/ admin URL/);
    expect(errors['nodes[0].keySecret']).toMatch(/both the certificate file and its key's secret/);

    draft.nodes[0] = {
      ...draft.nodes[0],
      adminUrl: 'https://gw.example.com:9443',
      keySecret: 'prod-client-key',
      caFile: 'certs/ca.pem',
      tokenSecret: 'prod-admin',
      rejectUnauthorized: false,
    };
    expect(validateDraft(draft)).toEqual({});
    const config = configFrom(draft);
    expect(config.nodes[0]?.tls).toEqual({
      caFile: 'certs/ca.pem',
      certFile: 'certs/studio.pem',
      keySecret: 'prod-client-key',
      rejectUnauthorized: false,
    });
    expect(draftFrom(config).nodes[0]).toEqual(draft.nodes[0]);
    expect(referencedSecrets({ ...config, secrets: ['openai-key'] })).toEqual([
      'openai-key',
      'prod-admin',
      'prod-client-key',
    ]);
  });
});
