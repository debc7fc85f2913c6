import { useCallback, useEffect, useId, useState } from 'react';
import type { FormEvent } from 'react';
import type { DenylistTypeName, DenylistView } from '../../../../main/ipc/contract';
import { ipc } from '../../ipc/client';
import { TextField } from '../../ui/text-field';
import { SelectField, optionsOf } from '../../ui/select-field';
import { notify, reportError } from '../notifications/notify';
import { isCidr, isIp } from './policy-draft';

const types = ['API', 'APPLICATION', 'IP', 'IP_RANGE', 'USER'] as const;

const examples: Record<DenylistTypeName, string> = {
  API: '/petstore/1.0.0',
  APPLICATION: 'app-…',
  IP: '203.0.113.7',
  IP_RANGE: '203.0.113.0/24',
  USER: 'alice',
};

/** What a value of the type must be, or null when it is fine. */
export function denylistValueError(type: DenylistTypeName, raw: string): string | null {
  const value = raw.trim();
  if (value === '') return 'Value: required';
  switch (type) {
    case 'API':
      return /^(\/[A-Za-z0-9._~-]+)+\/[A-Za-z0-9._~-]+$/.test(value)
        ? null
        : 'Value: an API as context and version, e.g. /petstore/1.0.0';
    case 'APPLICATION':
      return /^\S+$/.test(value)
        ? null
        : 'Value: an application id, e.g. app-1b2c… (see Applications)';
    case 'IP':
      return isIp(value) ? null : 'Value: an IPv4 or IPv6 address, e.g. 203.0.113.7';
    case 'IP_RANGE':
      return isCidr(value) ? null : 'Value: a CIDR range, e.g. 203.0.113.0/24';
    case 'USER':
      return /^\S+$/.test(value) ? null : 'Value: a user name (the JWT sub), without spaces';
  }
}

const applied = (ok: boolean) =>
  ok ? 'applied to the local gateway' : 'saved; the gateway gets it when it runs';

/** The local gateway's denylist: search, filters, add, enable/disable, delete. */
export function DenylistPanel() {
  const base = useId();
  const [entries, setEntries] = useState<DenylistView[]>([]);
  const [search, setSearch] = useState('');
  const [typeFilter, setTypeFilter] = useState('');
  const [enabledFilter, setEnabledFilter] = useState('');
  const [type, setType] = useState<DenylistTypeName>('IP');
  const [value, setValue] = useState('');
  const [description, setDescription] = useState('');
  const [submitted, setSubmitted] = useState(false);
  const [serverError, setServerError] = useState<string | null>(null);
  const valueError = submitted ? (denylistValueError(type, value) ?? undefined) : undefined;

  const load = useCallback(() => {
    ipc.denylist
      .list({
        ...(search.trim() ? { search: search.trim() } : {}),
        ...(typeFilter ? { type: typeFilter as DenylistTypeName } : {}),
        ...(enabledFilter ? { enabled: enabledFilter === 'enabled' } : {}),
      })
      .then(setEntries, (error: unknown) => reportError(error, 'Listing the denylist'));
  }, [search, typeFilter, enabledFilter]);

  useEffect(() => load(), [load]);

  const add = async (e: FormEvent) => {
    e.preventDefault();
    setSubmitted(true);
    setServerError(null);
    if (denylistValueError(type, value)) return;
    try {
      const result = await ipc.denylist.add({
        type,
        value: value.trim(),
        ...(description.trim() ? { description: description.trim() } : {}),
      });
      notify(`${type} ${value.trim()} denied: ${applied(result.applied)}`);
      setValue('');
      setDescription('');
      setSubmitted(false);
      load();
    } catch (error) {
      setServerError(error instanceof Error ? error.message : String(error));
    }
  };

  const toggle = async (entry: DenylistView) => {
    try {
      const result = await ipc.denylist.setEnabled({ id: entry.id, enabled: !entry.enabled });
      notify(
        `${entry.type} ${entry.value} ${entry.enabled ? 'disabled' : 'enabled'}: ${applied(result.applied)}`,
      );
      load();
    } catch (error) {
      reportError(error, 'Changing the denylist entry');
    }
  };

  const remove = async (entry: DenylistView) => {
    try {
      const result = await ipc.denylist.delete({ id: entry.id });
      notify(`${entry.type} ${entry.value} removed: ${applied(result.applied)}`);
      load();
    } catch (error) {
      reportError(error, 'Removing the denylist entry');
    }
  };

  return (
    <section className="policy-denylist" aria-label="Denylist">
      <h2 className="apps-view__title">Denylist</h2>
      <p className="muted">
        Blocks APIs, applications, client addresses and users at the local gateway (403 DENYLISTED).
      </p>
      <form className="apps-section" aria-label="Add denylist entry" onSubmit={add} noValidate>
        {(valueError ?? serverError) && (
          <div className="form-error" role="alert">
            {valueError ?? serverError}
          </div>
        )}
        <div className="apps-row">
          <SelectField
            id={`${base}-type`}
            label="Type"
            value={type}
            options={optionsOf(types)}
            onChange={(v) => setType(v as DenylistTypeName)}
          />
          <TextField
            id={`${base}-value`}
            label="Value"
            value={value}
            onChange={setValue}
            error={valueError}
            placeholder={examples[type]}
            mono
          />
          <TextField
            id={`${base}-description`}
            label="Reason"
            value={description}
            onChange={setDescription}
          />
          <button type="submit" className="button button--small button--primary">
            Add to denylist
          </button>
        </div>
      </form>
      <div className="apps-row" role="search" aria-label="Filter the denylist">
        <TextField id={`${base}-search`} label="Search" value={search} onChange={setSearch} />
        <SelectField
          id={`${base}-type-filter`}
          label="Type filter"
          value={typeFilter}
          options={[{ value: '', label: 'All types' }, ...optionsOf(types)]}
          onChange={setTypeFilter}
        />
        <SelectField
          id={`${base}-enabled-filter`}
          label="State filter"
          value={enabledFilter}
          options={[
            { value: '', label: 'Enabled and disabled' },
            { value: 'enabled', label: 'Enabled' },
            { value: 'disabled', label: 'Disabled' },
          ]}
          onChange={setEnabledFilter}
        />
      </div>
      {entries.length === 0 ? (
        <p className="muted">
          No denylist entries{search || typeFilter || enabledFilter ? ' match the filters' : ''}.
        </p>
      ) : (
        <table className="apps-table" aria-label="Denylist entries">
          <thead>
            <tr>
              <th scope="col">Type</th>
              <th scope="col">Value</th>
              <th scope="col">Reason</th>
              <th scope="col">Enabled</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((entry) => (
              <tr key={entry.id} aria-label={`${entry.type} ${entry.value}`}>
                <td>{entry.type}</td>
                <td>
                  <code>{entry.value}</code>
                </td>
                <td>{entry.description ?? ''}</td>
                <td>
                  <input
                    type="checkbox"
                    role="switch"
                    aria-label={`Enabled ${entry.type} ${entry.value}`}
                    checked={entry.enabled}
                    onChange={() => void toggle(entry)}
                  />
                </td>
                <td>
                  <button
                    type="button"
                    className="button button--small button--danger"
                    onClick={() => void remove(entry)}
                  >
                    Delete
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
