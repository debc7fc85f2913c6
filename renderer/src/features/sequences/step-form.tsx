/**
 * The side panel for the selected step: one labelled field per property, the
 * gateway schema's message under a field that is wrong, JSONata completion in
 * expression fields, and the structural actions (move, delete, branches, cases).
 */
import { useId, useState } from 'react';
import type { SequenceIssue } from '../../../../main/ipc/contract';
import { TextField } from '../../ui/text-field';
import { ExpressionField } from './expression-field';
import type { Sequence, Step, StepPath } from './sequence-model';
import { addSlot, getStep, nudgeStep, removeSlot, removeStep, updateStep } from './sequence-model';
import { stepLabel } from './step-labels';

interface Props {
  document: Sequence;
  path: StepPath;
  issues: SequenceIssue[];
  variables: readonly string[];
  edit(next: Sequence): void;
  select(path: StepPath | null): void;
}

const methods = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'] as const;

/** A whole-number field kept as text while it is being typed. */
function NumberField(props: {
  id: string;
  label: string;
  value: number | undefined;
  error?: string | undefined;
  placeholder?: string;
  onChange(value: number | undefined): void;
}) {
  const [text, setText] = useState(props.value === undefined ? '' : String(props.value));
  const local =
    text.trim() !== '' && !/^\d+$/.test(text.trim()) ? 'must be a whole number' : undefined;
  return (
    <TextField
      id={props.id}
      label={props.label}
      value={text}
      mono
      placeholder={props.placeholder}
      error={local ?? props.error}
      onChange={(value) => {
        setText(value);
        const trimmed = value.trim();
        if (trimmed === '') props.onChange(undefined);
        else if (/^\d+$/.test(trimmed)) props.onChange(Number(trimmed));
      }}
    />
  );
}

/** A JSON body as text; an empty field removes it. */
function JsonField(props: {
  id: string;
  label: string;
  value: unknown;
  hint: string;
  onChange(value: unknown): void;
}) {
  const [text, setText] = useState(
    props.value === undefined ? '' : JSON.stringify(props.value, null, 2),
  );
  let error: string | undefined;
  if (text.trim() !== '') {
    try {
      JSON.parse(text);
    } catch (cause) {
      error = `must be JSON: ${cause instanceof Error ? cause.message : String(cause)}`;
    }
  }
  return (
    <div className="field">
      <label htmlFor={props.id}>{props.label}</label>
      <textarea
        id={props.id}
        className="input input--mono"
        rows={4}
        value={text}
        spellCheck={false}
        aria-invalid={error !== undefined ? true : undefined}
        onChange={(e) => {
          setText(e.target.value);
          const trimmed = e.target.value.trim();
          if (trimmed === '') props.onChange(undefined);
          else {
            try {
              props.onChange(JSON.parse(trimmed) as unknown);
            } catch {
              // Kept as text until it parses; the error shows under the field.
            }
          }
        }}
      />
      <p className="field__hint">{props.hint}</p>
      {error && <p className="field__error">{error}</p>}
    </div>
  );
}

export function StepForm({ document, path, issues, variables, edit, select }: Props) {
  const base = useId();
  const step = getStep(document, path);
  if (!step) return null;
  const errorFor = (field: string): string | undefined => {
    const own = issues.filter((i) => i.path === `${path}.${field}`);
    return own.length > 0 ? own.map((i) => i.message).join('; ') : undefined;
  };
  const general = issues.filter((i) => i.path === path);
  const set = (patch: Partial<Step>): void =>
    edit(updateStep(document, path, { ...step, ...patch } as Step));
  const text = (field: string, label: string, value: string, onChange: (v: string) => void) => (
    <TextField
      id={`${base}-${field}`}
      label={label}
      value={value}
      mono
      error={errorFor(field)}
      onChange={onChange}
    />
  );
  const expr = (field: string, label: string, value: string, onChange: (v: string) => void) => (
    <ExpressionField
      id={`${base}-${field}`}
      label={label}
      value={value}
      variables={variables}
      error={errorFor(field)}
      onChange={onChange}
    />
  );
  const select_ = <T extends string>(
    field: string,
    label: string,
    value: T | undefined,
    options: readonly T[],
    onChange: (v: T | undefined) => void,
    empty?: string,
  ) => (
    <div className="field">
      <label htmlFor={`${base}-${field}`}>{label}</label>
      <select
        id={`${base}-${field}`}
        className="input"
        value={value ?? ''}
        onChange={(e) => onChange(e.target.value === '' ? undefined : (e.target.value as T))}
      >
        {empty !== undefined && <option value="">{empty}</option>}
        {options.map((o) => (
          <option key={o} value={o}>
            {o}
          </option>
        ))}
      </select>
      {errorFor(field) && <p className="field__error">{errorFor(field)}</p>}
    </div>
  );

  const fields = (() => {
    switch (step.type) {
      case 'log':
        return (
          <>
            {text('message', 'Message', step.message, (message) => set({ message }))}
            {select_(
              'level',
              'Level',
              step.level,
              ['debug', 'info', 'warn', 'error'],
              (level) => set({ level }),
              'info (default)',
            )}
          </>
        );
      case 'setHeader':
        return (
          <>
            {text('name', 'Header name', step.name, (name) => set({ name }))}
            {expr('value', 'Value (JSONata)', step.value, (value) => set({ value }))}
          </>
        );
      case 'removeHeader':
        return text('name', 'Header name', step.name, (name) => set({ name }));
      case 'setVariable':
        return (
          <>
            {text('name', 'Variable name', step.name, (name) => set({ name }))}
            {expr('value', 'Value (JSONata)', step.value, (value) => set({ value }))}
          </>
        );
      case 'transform':
        return expr('expression', 'Expression (JSONata)', step.expression, (expression) =>
          set({ expression }),
        );
      case 'call': {
        const endpoint = step.endpoint;
        const setEndpoint = (patch: Partial<typeof endpoint>): void =>
          set({ endpoint: { ...endpoint, ...patch } });
        return (
          <>
            {text('endpoint.url', 'URL', endpoint.url, (url) => setEndpoint({ url }))}
            {select_(
              'endpoint.method',
              'Method',
              endpoint.method,
              methods,
              (method) => setEndpoint({ method }),
              'GET (default)',
            )}
            {text('variable', 'Result variable', step.variable, (variable) => set({ variable }))}
            {select_(
              'onError',
              'On error',
              step.onError,
              ['fault', 'continue'],
              (onError) => set({ onError }),
              'fault (default)',
            )}
            <NumberField
              id={`${base}-timeout`}
              label="Timeout (ms)"
              value={endpoint.timeoutMs}
              placeholder="gateway default"
              error={errorFor('endpoint.timeoutMs')}
              onChange={(timeoutMs) => setEndpoint({ timeoutMs })}
            />
          </>
        );
      }
      case 'parallel':
        return (
          <div className="seq-form__slots">
            <p>
              {step.branches.length} branches run at the same time; the step ends when all have.
            </p>
            <button
              type="button"
              className="button button--small"
              onClick={() => edit(addSlot(document, path))}
            >
              Add branch
            </button>
            {step.branches.length > 1 && (
              <button
                type="button"
                className="button button--small"
                onClick={() =>
                  edit(removeSlot(document, `${path}.branches[${step.branches.length - 1}].steps`))
                }
              >
                Remove last branch
              </button>
            )}
          </div>
        );
      case 'switch':
        return (
          <>
            {step.cases.map((c, i) => (
              <div key={i} className="seq-form__case">
                {expr(
                  `cases[${i}].condition`,
                  `Case ${i + 1} condition (JSONata)`,
                  c.condition,
                  (condition) =>
                    set({ cases: step.cases.map((x, j) => (j === i ? { ...x, condition } : x)) }),
                )}
                <button
                  type="button"
                  className="button button--small"
                  onClick={() => edit(removeSlot(document, `${path}.cases[${i}].steps`))}
                >
                  Remove case {i + 1}
                </button>
              </div>
            ))}
            <button
              type="button"
              className="button button--small"
              onClick={() => edit(addSlot(document, path))}
            >
              Add case
            </button>
            <div className="field field--inline">
              <input
                id={`${base}-default`}
                type="checkbox"
                checked={step.default !== undefined}
                onChange={(e) =>
                  e.target.checked
                    ? set({ default: [] })
                    : edit(removeSlot(document, `${path}.default`))
                }
              />
              <label htmlFor={`${base}-default`}>Default branch</label>
            </div>
          </>
        );
      case 'forEach':
        return (
          <>
            {expr('items', 'Items (JSONata list)', step.items, (items) => set({ items }))}
            {text('variable', 'Item variable', step.variable, (variable) => set({ variable }))}
          </>
        );
      case 'send':
        return (
          <p>Forwards the current message to the API's endpoint; its answer becomes the message.</p>
        );
      case 'respond':
        return (
          <>
            <NumberField
              id={`${base}-status`}
              label="Status"
              value={step.status}
              placeholder="200"
              error={errorFor('status')}
              onChange={(status) => set({ status })}
            />
            <JsonField
              id={`${base}-body`}
              label="Body (JSON)"
              value={step.body}
              hint="Empty: the current message (for example a transform's result)."
              onChange={(body) => set({ body })}
            />
          </>
        );
      case 'fault':
        return (
          <>
            <NumberField
              id={`${base}-status`}
              label="Status"
              value={step.status}
              placeholder="500"
              error={errorFor('status')}
              onChange={(status) => set({ status })}
            />
            {text('code', 'Code', step.code, (code) => set({ code }))}
            {text('message', 'Message', step.message, (message) => set({ message }))}
          </>
        );
    }
  })();

  return (
    <section className="seq-form" aria-label={`${stepLabel(step.type)} step settings`} key={path}>
      <header className="seq-form__header">
        <h3>{stepLabel(step.type)}</h3>
        <code>{path}</code>
      </header>
      {general.map((issue) => (
        <p key={issue.message} className="field__error">
          {issue.message}
        </p>
      ))}
      {fields}
      {text('id', 'Step id (optional)', step.id ?? '', (id) =>
        set({ id: id === '' ? undefined : id }),
      )}
      <div className="form-actions">
        <button
          type="button"
          className="button button--small"
          onClick={() => edit(nudgeStep(document, path, -1))}
        >
          Move up
        </button>
        <button
          type="button"
          className="button button--small"
          onClick={() => edit(nudgeStep(document, path, 1))}
        >
          Move down
        </button>
        <button
          type="button"
          className="button button--small button--danger"
          onClick={() => {
            edit(removeStep(document, path));
            select(null);
          }}
        >
          Delete step
        </button>
      </div>
    </section>
  );
}
