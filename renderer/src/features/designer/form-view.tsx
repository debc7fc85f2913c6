import { useState } from 'react';
import {
  applyFormEdit,
  parseForForm,
  type FormEdit,
  type FormOperation,
  type FormSchema,
} from '../../editor/form-edits';
import { reportError } from '../notifications/notify';

export interface FormViewProps {
  text: string;
  language: 'json' | 'yaml';
  /** Receives the edited text; the code editor shows it and it becomes the draft. */
  onEdit(text: string): void;
}

const types = ['string', 'integer', 'number', 'boolean', 'array', 'object'];

/** A text field that commits on blur or Enter, so typing does not rewrite the document per key. */
function FieldInput({
  label,
  value,
  onCommit,
}: {
  label: string;
  value: string;
  onCommit(value: string): void;
}) {
  const [draft, setDraft] = useState(value);
  const [seen, setSeen] = useState(value);
  if (value !== seen) {
    setSeen(value);
    setDraft(value);
  }
  return (
    <label className="form-view__field">
      <span>{label}</span>
      <input
        className="input"
        value={draft}
        onChange={(e) => setDraft(e.target.value)}
        onBlur={() => draft !== value && onCommit(draft)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && draft !== value) onCommit(draft);
        }}
      />
    </label>
  );
}

function AddParameter({ onAdd }: { onAdd(p: { name: string; in: string; type: string }): void }) {
  const [name, setName] = useState('');
  const [where, setWhere] = useState('query');
  const [type, setType] = useState('string');
  return (
    <div className="form-view__add" role="group" aria-label="New parameter">
      <label className="form-view__field">
        <span>Parameter name</span>
        <input className="input" value={name} onChange={(e) => setName(e.target.value)} />
      </label>
      <label className="form-view__field">
        <span>In</span>
        <select className="input" value={where} onChange={(e) => setWhere(e.target.value)}>
          {['query', 'path', 'header', 'cookie'].map((w) => (
            <option key={w}>{w}</option>
          ))}
        </select>
      </label>
      <label className="form-view__field">
        <span>Type</span>
        <select className="input" value={type} onChange={(e) => setType(e.target.value)}>
          {types.map((t) => (
            <option key={t}>{t}</option>
          ))}
        </select>
      </label>
      <button
        type="button"
        className="button button--small"
        disabled={name.trim() === ''}
        onClick={() => {
          onAdd({ name: name.trim(), in: where, type });
          setName('');
        }}
      >
        Add parameter
      </button>
    </div>
  );
}

function OperationForm({ op, edit }: { op: FormOperation; edit(e: FormEdit): void }) {
  const at = { path: op.path, method: op.method };
  const field = (f: 'summary' | 'description' | 'operationId') => (value: string) =>
    edit({ kind: 'operation-field', ...at, field: f, value });
  return (
    <details className="form-view__item">
      <summary>
        <span className={`method method--${op.method}`}>{op.method.toUpperCase()}</span>{' '}
        <code>{op.path}</code>
      </summary>
      <FieldInput label="Summary" value={op.summary} onCommit={field('summary')} />
      <FieldInput label="Description" value={op.description} onCommit={field('description')} />
      <FieldInput label="Operation ID" value={op.operationId} onCommit={field('operationId')} />
      <table
        className="form-view__params"
        aria-label={`Parameters of ${op.method.toUpperCase()} ${op.path}`}
      >
        <tbody>
          {op.parameters.map((p, index) => (
            <tr key={`${p.name}:${index}`}>
              <td>{p.name}</td>
              <td>{p.in || (p.ref ? '$ref' : '')}</td>
              <td>{p.type}</td>
              <td>
                <button
                  type="button"
                  className="button button--small"
                  aria-label={`Remove parameter ${p.name}`}
                  onClick={() => edit({ kind: 'remove-parameter', ...at, index })}
                >
                  Remove
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <AddParameter
        onAdd={(p) => edit({ kind: 'add-parameter', ...at, parameter: { ...p, required: false } })}
      />
    </details>
  );
}

function SchemaForm({ schema, edit }: { schema: FormSchema; edit(e: FormEdit): void }) {
  return (
    <details className="form-view__item">
      <summary>
        <code>{schema.name}</code>
      </summary>
      {schema.properties.length === 0 && <p className="muted">No properties.</p>}
      {schema.properties.map((p) => (
        <fieldset key={p.name} className="form-view__property">
          <legend>{p.name}</legend>
          <label className="form-view__field">
            <span>Type</span>
            <select
              className="input"
              value={p.type}
              onChange={(e) =>
                edit({
                  kind: 'schema-property',
                  schema: schema.name,
                  property: p.name,
                  field: 'type',
                  value: e.target.value,
                })
              }
            >
              {!types.includes(p.type) && <option value={p.type}>{p.type || '(none)'}</option>}
              {types.map((t) => (
                <option key={t}>{t}</option>
              ))}
            </select>
          </label>
          <FieldInput
            label="Description"
            value={p.description}
            onCommit={(value) =>
              edit({
                kind: 'schema-property',
                schema: schema.name,
                property: p.name,
                field: 'description',
                value,
              })
            }
          />
        </fieldset>
      ))}
    </details>
  );
}

/** Operations, their parameters and component schemas as a form over the definition text. */
export function FormView({ text, language, onEdit }: FormViewProps) {
  const model = parseForForm(text, language);
  if (!model)
    return <p className="muted">The definition does not parse; fix it in the editor first.</p>;
  const edit = (e: FormEdit): void => {
    try {
      onEdit(applyFormEdit(text, language, e));
    } catch (error) {
      reportError(error, 'Could not apply the change');
    }
  };
  return (
    <div className="form-view">
      <section aria-labelledby="form-operations">
        <h3 id="form-operations" className="panel-section__title">
          Operations <span className="count">{model.operations.length}</span>
        </h3>
        {model.operations.slice(0, 300).map((op) => (
          <OperationForm key={`${op.method} ${op.path}`} op={op} edit={edit} />
        ))}
      </section>
      <section aria-labelledby="form-schemas">
        <h3 id="form-schemas" className="panel-section__title">
          Schemas <span className="count">{model.schemas.length}</span>
        </h3>
        {model.schemas.slice(0, 300).map((s) => (
          <SchemaForm key={s.name} schema={s} edit={edit} />
        ))}
      </section>
    </div>
  );
}
