import { useCallback, useEffect, useState } from 'react';
import type { AiVendorView, Response, VendorFileView } from '../../../../main/ipc/contract';
import { ipc } from '../../ipc/client';
import { useApp } from '../../state/app-store';
import type { ViewProps } from '../tabs/view-registry';
import { notify, reportError } from '../notifications/notify';
import { AiApiForm } from './ai-api-form';
import { PriceTable } from './price-table';
import { draftFrom, emptyDraft, vendorTypeLabels } from './vendor-draft';
import { VendorForm } from './vendor-form';
import '../applications/applications.css';
import './ai-vendors.css';

type Listing = Response<'aiVendors.list'>;
type Mode =
  | { kind: 'none' }
  | { kind: 'file'; name: string }
  | { kind: 'builtIn'; type: string }
  | { kind: 'new'; from: AiVendorView | null }
  | { kind: 'api'; vendor: string };

/** AI vendors (workspace files), the built-in types, their prices, and new AI APIs. */
export function AiVendorsView({ tab }: ViewProps) {
  const workspace = useApp((s) => s.workspace);
  const [listing, setListing] = useState<Listing | null>(null);
  const [file, setFile] = useState<VendorFileView | null>(null);
  const [mode, setMode] = useState<Mode>(() =>
    tab.resource ? { kind: 'file', name: tab.resource } : { kind: 'none' },
  );

  const load = useCallback(() => {
    ipc.aiVendors
      .list()
      .then(setListing, (error: unknown) => reportError(error, 'Listing AI vendors'));
  }, []);
  // The workspace info changes when a vendor file changes on disk, too.
  useEffect(() => load(), [load, workspace]);

  const fileName = mode.kind === 'file' ? mode.name : null;
  useEffect(() => {
    if (!fileName) return;
    ipc.aiVendors
      .get({ name: fileName })
      .then(setFile, (error: unknown) => reportError(error, `Reading ${fileName}`));
  }, [fileName, workspace]);

  const saved = (view: VendorFileView) => {
    setFile(view);
    setMode({ kind: 'file', name: view.vendor.name });
    load();
  };
  const remove = async (name: string) => {
    try {
      await ipc.aiVendors.delete({ name });
      notify(`AI vendor ${name} deleted`);
      setMode({ kind: 'none' });
      load();
    } catch (error) {
      reportError(error, 'Deleting the AI vendor');
    }
  };
  const duplicate = (vendor: AiVendorView) => {
    const { prices: _prices, ...rest } = vendor;
    setMode({ kind: 'new', from: { ...rest, name: `${vendor.name}-custom`, type: 'custom' } });
  };

  const files = listing?.vendors ?? [];
  const fileNames = files.map((f) => f.vendor.name);
  const vendorNames = [
    ...fileNames,
    ...(listing?.builtIns ?? []).map((b) => b.type).filter((t) => !fileNames.includes(t)),
  ];
  const builtIn =
    mode.kind === 'builtIn' ? listing?.builtIns.find((b) => b.type === mode.type) : undefined;
  const override = builtIn ? files.find((f) => f.vendor.name === builtIn.type) : undefined;

  return (
    <div className="apps-view">
      <aside className="apps-view__list" aria-label="AI vendors">
        <h2 className="apps-view__title">AI vendors</h2>
        <h3 className="apps-section__title">In this workspace</h3>
        <ul className="apps-view__items" aria-label="Workspace vendors">
          {files.map((f) => (
            <li key={f.vendor.name}>
              <button
                type="button"
                className="apps-view__item"
                aria-current={fileName === f.vendor.name ? 'true' : undefined}
                onClick={() => setMode({ kind: 'file', name: f.vendor.name })}
              >
                <span>{f.vendor.name}</span>
                <span className="muted">{f.vendor.type}</span>
              </button>
            </li>
          ))}
        </ul>
        <div className="apps-detail__actions">
          <button
            type="button"
            className="button button--small"
            onClick={() => setMode({ kind: 'new', from: null })}
          >
            New vendor
          </button>
          <button
            type="button"
            className="button button--small"
            onClick={() => setMode({ kind: 'api', vendor: vendorNames[0] ?? 'openai' })}
          >
            New AI API
          </button>
        </div>
        <h3 className="apps-section__title">Built in</h3>
        <ul className="apps-view__items" aria-label="Built-in vendors">
          {(listing?.builtIns ?? []).map((b) => (
            <li key={b.type}>
              <button
                type="button"
                className="apps-view__item"
                aria-current={mode.kind === 'builtIn' && mode.type === b.type ? 'true' : undefined}
                onClick={() => setMode({ kind: 'builtIn', type: b.type })}
              >
                <span>{b.label}</span>
                <span className="muted">{b.type}</span>
              </button>
            </li>
          ))}
        </ul>
        {(listing?.problems.length ?? 0) > 0 && (
          <ul className="policy-problems" aria-label="AI vendor problems">
            {listing?.problems.map((p) => (
              <li key={p.path}>
                <code>{p.path}</code> {p.message}
              </li>
            ))}
          </ul>
        )}
      </aside>
      <div className="apps-view__main">
        {mode.kind === 'new' && (
          <VendorForm
            key={`new-${mode.from?.name ?? ''}`}
            initial={mode.from ? { ...draftFrom(mode.from), base: mode.from } : emptyDraft()}
            onSaved={saved}
          />
        )}
        {mode.kind === 'file' && file && file.vendor.name === mode.name && (
          <>
            <VendorForm
              key={`file-${file.vendor.name}-${file.content}`}
              initial={draftFrom(file.vendor)}
              previousName={file.vendor.name}
              onSaved={saved}
              onDelete={() => void remove(file.vendor.name)}
            />
            <PriceTable
              key={`prices-${file.content}`}
              vendor={file.vendor.name}
              prices={file.vendor.prices ?? []}
              onSaved={saved}
            />
            <section className="vendor-file" aria-label={`File ${file.file}`}>
              <h3 className="apps-section__title">{file.file}</h3>
              <pre className="vendor-file__text">{file.content}</pre>
            </section>
            <button
              type="button"
              className="button"
              onClick={() => setMode({ kind: 'api', vendor: file.vendor.name })}
            >
              New AI API with {file.vendor.name}
            </button>
          </>
        )}
        {builtIn && (
          <>
            <VendorForm
              key={`builtin-${builtIn.type}`}
              initial={draftFrom(builtIn.vendor)}
              readOnly
              onSaved={saved}
              onDuplicate={() => duplicate(builtIn.vendor)}
            />
            <PriceTable
              key={`builtin-prices-${override?.file ?? builtIn.type}-${JSON.stringify(override?.vendor.prices ?? [])}`}
              vendor={builtIn.type}
              prices={override?.vendor.prices ?? []}
              onSaved={saved}
            />
          </>
        )}
        {mode.kind === 'api' && (
          <AiApiForm key={mode.vendor} vendors={vendorNames} vendor={mode.vendor} />
        )}
        {mode.kind === 'none' && (
          <p className="muted">
            Pick a vendor to edit it or its prices, add a custom one, or create an AI API. Each
            vendor is a file under ai-vendors/ ({Object.keys(vendorTypeLabels).length - 1} built-in
            types can be extended); the local gateway redeploys when one changes.
          </p>
        )}
      </div>
    </div>
  );
}
