import { useId, useState } from 'react';
import type { VendorFileView, VendorPrice } from '../../../../main/ipc/contract';
import { ipc } from '../../ipc/client';
import { notify } from '../notifications/notify';
import { priceDraftOf, pricesFrom, type PriceDraft } from './vendor-draft';

interface Props {
  /** The vendor whose table this is (a built-in's name gets an override file). */
  vendor: string;
  prices: readonly VendorPrice[];
  onSaved(file: VendorFileView): void;
}

const columns = [
  { key: 'model', label: 'Model' },
  { key: 'input', label: 'Input' },
  { key: 'cachedInput', label: 'Cached input' },
  { key: 'output', label: 'Output' },
] as const;

/** The vendor's prices per million tokens, saved into its `ai-vendors/<name>.yaml`. */
export function PriceTable({ vendor, prices, onSaved }: Props) {
  const base = useId();
  const [rows, setRows] = useState<PriceDraft[]>(() => prices.map(priceDraftOf));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [serverError, setServerError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const update = (index: number, patch: Partial<PriceDraft>) =>
    setRows((r) => r.map((row, i) => (i === index ? { ...row, ...patch } : row)));

  const save = async () => {
    setServerError(null);
    const checked = pricesFrom(rows);
    if (!checked.ok) {
      setErrors(checked.errors);
      return;
    }
    setErrors({});
    setBusy(true);
    try {
      const saved = await ipc.aiVendors.savePrices({ name: vendor, prices: checked.prices });
      notify(`Prices of ${vendor} saved to ${saved.file}`);
      onSaved(saved);
    } catch (error) {
      setServerError(error instanceof Error ? error.message : String(error));
    } finally {
      setBusy(false);
    }
  };

  const messages = Object.values(errors);
  return (
    <section className="vendor-prices" aria-label={`Prices of ${vendor}`}>
      <h3 className="apps-section__title">Prices per million tokens</h3>
      <p className="field__hint">
        A model ending in <code>*</code> prices every model that starts with what precedes it; an
        exact name wins. Cached input defaults to the input price.
      </p>
      {(messages.length > 0 || serverError) && (
        <div className="form-error" role="alert">
          {serverError ?? messages.join(' · ')}
        </div>
      )}
      <table className="vendor-prices__table">
        <thead>
          <tr>
            {columns.map((c) => (
              <th key={c.key} scope="col">
                {c.label}
              </th>
            ))}
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row, i) => (
            <tr key={i}>
              {columns.map((c) => (
                <td key={c.key}>
                  <input
                    id={`${base}-${i}-${c.key}`}
                    className={c.key === 'model' ? 'input input--mono' : 'input'}
                    aria-label={`${c.label} of row ${i + 1}`}
                    inputMode={c.key === 'model' ? undefined : 'decimal'}
                    value={row[c.key]}
                    aria-invalid={errors[`${i}.${c.key}`] ? true : undefined}
                    onChange={(e) => update(i, { [c.key]: e.target.value })}
                  />
                </td>
              ))}
              <td>
                <button
                  type="button"
                  className="button button--small"
                  aria-label={`Remove row ${i + 1}`}
                  onClick={() => setRows((r) => r.filter((_, j) => j !== i))}
                >
                  Remove
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="apps-detail__actions">
        <button
          type="button"
          className="button button--small"
          onClick={() =>
            setRows((r) => [...r, { model: '', input: '', cachedInput: '', output: '' }])
          }
        >
          Add model
        </button>
        <button
          type="button"
          className="button button--primary button--small"
          disabled={busy}
          onClick={() => void save()}
        >
          Save prices
        </button>
      </div>
    </section>
  );
}
