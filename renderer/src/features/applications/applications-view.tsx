import { useCallback, useEffect, useId, useState } from 'react';
import type { FormEvent } from 'react';
import type { ApplicationView } from '../../../../main/ipc/contract';
import { ipc } from '../../ipc/client';
import { TextField } from '../../ui/text-field';
import { notify, reportError } from '../notifications/notify';
import { ApplicationDetail } from './application-detail';
import { ApprovalQueue } from './approval-queue';
import { SelectField, optionsOf } from '../../ui/select-field';
import { usePolicyNames } from './use-policy-names';
import './applications.css';

/** Consumer applications: the list, a new-application form, the chosen one's keys and subscriptions. */
export function ApplicationsView() {
  const [apps, setApps] = useState<ApplicationView[] | null>(null);
  const [selected, setSelected] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  // Bumped after every change, so the detail and the approval queue re-read.
  const [version, setVersion] = useState(0);

  const load = useCallback((select?: string | null) => {
    ipc.applications.list().then(
      (list) => {
        setApps(list);
        setSelected((current) => {
          const want = select === undefined ? current : select;
          return want !== null && list.some((a) => a.id === want) ? want : (list[0]?.id ?? null);
        });
      },
      (error: unknown) => {
        reportError(error, 'Listing applications');
        setApps([]);
      },
    );
  }, []);

  useEffect(() => load(), [load]);

  const changed = (select?: string | null) => {
    setVersion((v) => v + 1);
    load(select);
  };
  const current = apps?.find((a) => a.id === selected) ?? null;

  return (
    <div className="apps-view">
      <aside className="apps-view__list" aria-label="Applications">
        <div className="apps-view__list-header">
          <h2 className="apps-view__title">Applications</h2>
          <button
            type="button"
            className="button button--small button--primary"
            onClick={() => setCreating(true)}
          >
            New application
          </button>
        </div>
        {apps === null ? (
          <p className="muted">Loading…</p>
        ) : apps.length === 0 ? (
          <p className="muted">No applications yet: create one to get keys and subscribe.</p>
        ) : (
          <ul className="apps-view__items">
            {apps.map((a) => (
              <li key={a.id}>
                <button
                  type="button"
                  className="apps-view__item"
                  aria-current={a.id === selected && !creating ? 'true' : undefined}
                  onClick={() => {
                    setSelected(a.id);
                    setCreating(false);
                  }}
                >
                  <span>{a.name}</span>
                  <span className="muted">{a.throttlingPolicy ?? 'Unlimited'}</span>
                </button>
              </li>
            ))}
          </ul>
        )}
      </aside>
      <div className="apps-view__main">
        <ApprovalQueue version={version} onChanged={() => changed()} />
        {creating ? (
          <NewApplicationForm
            onCancel={() => setCreating(false)}
            onCreated={(app) => {
              setCreating(false);
              changed(app.id);
            }}
          />
        ) : current ? (
          <ApplicationDetail
            key={current.id}
            app={current}
            version={version}
            onChanged={() => changed()}
            onDeleted={() => changed(null)}
          />
        ) : (
          <p className="muted">Pick an application, or create one.</p>
        )}
      </div>
    </div>
  );
}

function NewApplicationForm({
  onCreated,
  onCancel,
}: {
  onCreated(app: ApplicationView): void;
  onCancel(): void;
}) {
  const names = usePolicyNames();
  const base = useId();
  const [name, setName] = useState('');
  const [policy, setPolicy] = useState('Unlimited');
  const [description, setDescription] = useState('');
  const [submitted, setSubmitted] = useState(false);
  const [serverError, setServerError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const nameError =
    name.trim() === '' ? 'Name: an application needs a name (e.g. Mobile)' : undefined;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setSubmitted(true);
    setServerError(null);
    if (nameError) return;
    setBusy(true);
    try {
      const app = await ipc.applications.create({
        name: name.trim(),
        throttlingPolicy: policy,
        ...(description.trim() ? { description: description.trim() } : {}),
      });
      notify(`Application ${app.name} created`);
      onCreated(app);
    } catch (error) {
      setServerError(error instanceof Error ? error.message : String(error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="apps-form" aria-label="New application" onSubmit={submit} noValidate>
      <h2 className="apps-view__title">New application</h2>
      {(submitted && nameError) || serverError ? (
        <div className="form-error" role="alert">
          {serverError ?? nameError}
        </div>
      ) : null}
      <TextField
        id={`${base}-name`}
        label="Name"
        value={name}
        onChange={setName}
        error={submitted ? nameError : undefined}
      />
      <SelectField
        id={`${base}-policy`}
        label="Application policy"
        value={policy}
        options={optionsOf(names.application)}
        onChange={setPolicy}
        hint="Shared by every subscription of the application; edit plans in the Policies view."
      />
      <TextField
        id={`${base}-description`}
        label="Description"
        value={description}
        onChange={setDescription}
      />
      <div className="form-actions">
        <button type="button" className="button" onClick={onCancel}>
          Cancel
        </button>
        <button type="submit" className="button button--primary" disabled={busy}>
          Create application
        </button>
      </div>
    </form>
  );
}
