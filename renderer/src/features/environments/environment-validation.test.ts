import { describe, expect, it } from 'vitest';
import { configFrom, draftFrom, emptyDraft, validateDraft } from './environment-validation';

describe('environment drafts', () => {
  it('names each field that is wrong', () => {
    const draft = emptyDraft();
    draft.nodes.push({ name: 'node-1', adminUrl: 'ftp://x', tokenSecret: 'bad secret' });
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
      nodes: [{ name: 'gw1', adminUrl: ' http://127.0.0.1:9090 ', tokenSecret: 'staging-admin' }],
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
});
