import type { NodeDraft } from './environment-validation';
import { TextField } from '../../ui/text-field';

interface Props {
  index: number;
  node: NodeDraft;
  /** Errors by field path (`nodes[0].adminUrl`), shown under their field. */
  errors: Record<string, string>;
  idOf(key: string): string;
  canRemove: boolean;
  onChange(patch: Partial<NodeDraft>): void;
  onRemove(): void;
}

/** One gateway node of the environment form: where its admin API is, how to reach it. */
export function NodeFields({ index, node, errors, idOf, canRemove, onChange, onRemove }: Props) {
  const n = index + 1;
  const key = (name: string) => `nodes[${index}].${name}`;
  const https = node.adminUrl.trim().startsWith('https:');
  const rejectId = idOf(key('rejectUnauthorized'));
  return (
    <div className="env-form__node" role="group" aria-label={`Node ${n}`}>
      <div className="env-form__row">
        <TextField
          id={idOf(key('name'))}
          label={`Node ${n} name`}
          value={node.name}
          error={errors[key('name')]}
          onChange={(value) => onChange({ name: value })}
        />
        <TextField
          id={idOf(key('adminUrl'))}
          label={`Node ${n} admin URL`}
          value={node.adminUrl}
          placeholder="http://127.0.0.1:9090"
          mono
          error={errors[key('adminUrl')]}
          onChange={(value) => onChange({ adminUrl: value })}
        />
        <TextField
          id={idOf(key('tokenSecret'))}
          label={`Node ${n} admin token secret`}
          value={node.tokenSecret}
          placeholder="staging-admin (optional)"
          error={errors[key('tokenSecret')]}
          onChange={(value) => onChange({ tokenSecret: value })}
        />
        <button
          type="button"
          className="button button--small"
          aria-label={`Remove node ${n}`}
          disabled={!canRemove}
          onClick={onRemove}
        >
          Remove
        </button>
      </div>
      <details className="env-form__tls" open={https || undefined}>
        <summary>Node {n} TLS (https admin URLs)</summary>
        <div className="env-form__row">
          <TextField
            id={idOf(key('caFile'))}
            label={`Node ${n} CA file`}
            value={node.caFile}
            placeholder="certs/ca.pem"
            hint="PEM file, relative to the workspace; trusts a private CA."
            mono
            error={errors[key('caFile')]}
            onChange={(value) => onChange({ caFile: value })}
          />
          <TextField
            id={idOf(key('certFile'))}
            label={`Node ${n} client certificate file`}
            value={node.certFile}
            placeholder="certs/studio.pem"
            hint="For an admin API that requires a client certificate."
            mono
            error={errors[key('certFile')]}
            onChange={(value) => onChange({ certFile: value })}
          />
          <TextField
            id={idOf(key('keySecret'))}
            label={`Node ${n} client key secret`}
            value={node.keySecret}
            placeholder="staging-client-key"
            hint="The private key is a store secret, never a workspace file."
            error={errors[key('keySecret')]}
            onChange={(value) => onChange({ keySecret: value })}
          />
        </div>
        <label className="checkbox" htmlFor={rejectId}>
          <input
            id={rejectId}
            type="checkbox"
            checked={!node.rejectUnauthorized}
            onChange={(e) => onChange({ rejectUnauthorized: !e.target.checked })}
          />{' '}
          Node {n}: accept any server certificate (test nodes with self-signed certificates only)
        </label>
      </details>
    </div>
  );
}
