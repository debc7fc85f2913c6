import type { EnvironmentConfig } from '../../../../main/ipc/contract';

export interface NodeDraft {
  name: string;
  adminUrl: string;
  tokenSecret: string;
  /** TLS to an https admin URL: a CA file, a client certificate file and its key's secret. */
  caFile: string;
  certFile: string;
  keySecret: string;
  /** False accepts any server certificate (a self-signed test node). */
  rejectUnauthorized: boolean;
}

export function emptyNode(index: number): NodeDraft {
  return {
    name: `node-${index}`,
    adminUrl: '',
    tokenSecret: '',
    caFile: '',
    certFile: '',
    keySecret: '',
    rejectUnauthorized: true,
  };
}

export interface OverrideDraft {
  apiId: string;
  production: string;
  sandbox: string;
}

export interface EnvironmentDraft {
  name: string;
  description: string;
  nodes: NodeDraft[];
  /** Comma-separated names of store secrets sent to every node. */
  secrets: string;
  overrides: OverrideDraft[];
}

/** Field path (`name`, `nodes[0].adminUrl`, ...) -> message naming the field. */
export type DraftErrors = Record<string, string>;

const NAME = /^[a-z0-9][a-z0-9_-]{0,62}$/;
const NODE_NAME = /^[A-Za-z0-9._-]{1,100}$/;
const SECRET = /^[A-Za-z0-9._-]{1,200}$/;

export function emptyDraft(): EnvironmentDraft {
  return {
    name: '',
    description: '',
    nodes: [emptyNode(1)],
    secrets: '',
    overrides: [],
  };
}

export function draftFrom(env: EnvironmentConfig): EnvironmentDraft {
  return {
    name: env.name,
    description: env.description ?? '',
    nodes: env.nodes.map((n) => ({
      name: n.name,
      adminUrl: n.adminUrl,
      tokenSecret: n.tokenSecret ?? '',
      caFile: n.tls?.caFile ?? '',
      certFile: n.tls?.certFile ?? '',
      keySecret: n.tls?.keySecret ?? '',
      rejectUnauthorized: n.tls?.rejectUnauthorized ?? true,
    })),
    secrets: (env.secrets ?? []).join(', '),
    overrides: Object.entries(env.endpoints ?? {}).map(([apiId, o]) => ({
      apiId,
      production: o.production ?? '',
      sandbox: o.sandbox ?? '',
    })),
  };
}

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

export function secretList(text: string): string[] {
  return text
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

/** The same rules as `environments/<name>.yaml`, with messages that name the field. */
export function validateDraft(draft: EnvironmentDraft): DraftErrors {
  const errors: DraftErrors = {};
  if (!NAME.test(draft.name))
    errors.name =
      'Name: 1-63 lowercase letters, digits, "-" or "_", starting with a letter or digit (e.g. staging)';
  if (draft.nodes.length === 0) errors.nodes = 'Nodes: add at least one gateway node';
  const seen = new Set<string>();
  draft.nodes.forEach((node, i) => {
    const n = i + 1;
    if (!NODE_NAME.test(node.name))
      errors[`nodes[${i}].name`] = `Node ${n} name: 1-100 letters, digits, ".", "_" or "-"`;
    else if (seen.has(node.name))
      errors[`nodes[${i}].name`] = `Node ${n} name: "${node.name}" is used by another node`;
    seen.add(node.name);
    if (!isHttpUrl(node.adminUrl.trim()))
      errors[`nodes[${i}].adminUrl`] =
        `Node ${n} admin URL: an http:// or https:// URL (e.g. http://127.0.0.1:9090)`;
    if (node.tokenSecret.trim() !== '' && !SECRET.test(node.tokenSecret.trim()))
      errors[`nodes[${i}].tokenSecret`] =
        `Node ${n} admin token secret: a secret name of letters, digits, ".", "_" or "-"`;
    const keySecret = node.keySecret.trim();
    if (keySecret !== '' && !SECRET.test(keySecret))
      errors[`nodes[${i}].keySecret`] =
        `Node ${n} client key secret: a secret name of letters, digits, ".", "_" or "-"`;
    if ((node.certFile.trim() === '') !== (keySecret === ''))
      errors[`nodes[${i}].${keySecret === '' ? 'keySecret' : 'certFile'}`] =
        `Node ${n} client certificate: give both the certificate file and its key's secret, or neither`;
    const usesTls =
      node.caFile.trim() !== '' ||
      node.certFile.trim() !== '' ||
      keySecret !== '' ||
      !node.rejectUnauthorized;
    if (usesTls && isHttpUrl(node.adminUrl.trim()) && !node.adminUrl.trim().startsWith('https:'))
      errors[`nodes[${i}].adminUrl`] =
        `Node ${n} admin URL: TLS options need an https:// admin URL`;
  });
  const bad = secretList(draft.secrets).find((s) => !SECRET.test(s));
  if (bad !== undefined)
    errors.secrets = `Secrets to send: "${bad}" is not a secret name (letters, digits, ".", "_" or "-")`;
  draft.overrides.forEach((o, i) => {
    if (o.apiId === '') errors[`overrides[${i}].apiId`] = `Override ${i + 1} API: pick an API`;
    for (const key of ['production', 'sandbox'] as const) {
      const value = o[key].trim();
      if (value !== '' && !isHttpUrl(value))
        errors[`overrides[${i}].${key}`] =
          `Override ${i + 1} ${key} URL: an http:// or https:// URL, or leave it empty`;
    }
  });
  return errors;
}

export function configFrom(draft: EnvironmentDraft): EnvironmentConfig {
  const endpoints: NonNullable<EnvironmentConfig['endpoints']> = {};
  for (const o of draft.overrides) {
    endpoints[o.apiId] = {
      ...(o.production.trim() !== '' && { production: o.production.trim() }),
      ...(o.sandbox.trim() !== '' && { sandbox: o.sandbox.trim() }),
    };
  }
  return {
    name: draft.name,
    ...(draft.description.trim() !== '' && { description: draft.description.trim() }),
    nodes: draft.nodes.map((n) => ({
      name: n.name,
      adminUrl: n.adminUrl.trim(),
      ...(n.tokenSecret.trim() !== '' && { tokenSecret: n.tokenSecret.trim() }),
      ...(tlsFrom(n) && { tls: tlsFrom(n) }),
    })),
    secrets: secretList(draft.secrets),
    endpoints,
  };
}

function tlsFrom(node: NodeDraft): EnvironmentConfig['nodes'][number]['tls'] | undefined {
  const tls = {
    ...(node.caFile.trim() !== '' && { caFile: node.caFile.trim() }),
    ...(node.certFile.trim() !== '' && { certFile: node.certFile.trim() }),
    ...(node.keySecret.trim() !== '' && { keySecret: node.keySecret.trim() }),
    ...(!node.rejectUnauthorized && { rejectUnauthorized: false }),
  };
  return Object.keys(tls).length > 0 ? tls : undefined;
}

/** Every secret an environment names: admin tokens, client keys and the secrets it sends. */
export function referencedSecrets(env: EnvironmentConfig): string[] {
  const names = new Set<string>();
  for (const node of env.nodes) {
    if (node.tokenSecret) names.add(node.tokenSecret);
    if (node.tls?.keySecret) names.add(node.tls.keySecret);
  }
  for (const secret of env.secrets ?? []) names.add(secret);
  return [...names].sort();
}
