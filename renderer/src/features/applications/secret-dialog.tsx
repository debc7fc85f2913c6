import { useState } from 'react';
import type { ReactNode } from 'react';
import { Modal } from '../../ui/modal';

interface Props {
  title: string;
  /** The secret: an API key or a JWT. */
  value: string;
  label: string;
  children?: ReactNode;
  onClose(): void;
}

/** Shows a credential once, with a copy button; the studio keeps no copy of an API key. */
export function SecretDialog({ title, value, label, children, onClose }: Props) {
  const [copied, setCopied] = useState<'yes' | 'failed' | null>(null);
  const copy = () => {
    navigator.clipboard.writeText(value).then(
      () => setCopied('yes'),
      () => setCopied('failed'),
    );
  };
  return (
    <Modal title={title} onClose={onClose} size="large">
      <div className="modal__body">
        <div className="field">
          <label htmlFor="secret-value">{label}</label>
          <textarea
            id="secret-value"
            className="input input--mono apps-secret"
            readOnly
            rows={value.length > 120 ? 6 : 2}
            value={value}
            onFocus={(e) => e.currentTarget.select()}
          />
        </div>
        {children}
        <p role="status" className="muted">
          {copied === 'yes'
            ? 'Copied to the clipboard.'
            : copied === 'failed'
              ? 'Copying failed: select the text and copy it.'
              : ''}
        </p>
      </div>
      <footer className="modal__footer">
        <button type="button" className="button" onClick={copy}>
          Copy
        </button>
        <button type="button" className="button button--primary" data-autofocus onClick={onClose}>
          Done
        </button>
      </footer>
    </Modal>
  );
}
