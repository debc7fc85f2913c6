import { useEffect, useId, useRef } from 'react';
import type { ReactNode } from 'react';

interface ModalProps {
  title: string;
  onClose(): void;
  children: ReactNode;
  /** Wider dialogs for editors and lists. */
  size?: 'small' | 'large';
}

/**
 * A modal on the native `<dialog>`: the browser traps focus, closes on Escape and
 * marks the rest of the page inert, which is more than a hand-rolled overlay gets right.
 * Mark the control that should take focus first with `data-autofocus`.
 */
export function Modal({ title, onClose, children, size = 'small' }: ModalProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (!dialog.open) dialog.showModal();
    // showModal() focuses the first control (the close button); the dialog's own
    // field marked `data-autofocus` is where typing should start.
    dialog.querySelector<HTMLElement>('[data-autofocus]')?.focus();
    return () => dialog.close();
  }, []);

  return (
    <dialog
      ref={ref}
      className={`modal modal--${size}`}
      aria-labelledby={titleId}
      onCancel={(e) => {
        // Escape: let React decide (the dialog unmounts) instead of closing it behind React's back.
        e.preventDefault();
        onClose();
      }}
    >
      <header className="modal__header">
        <h2 id={titleId}>{title}</h2>
        <button type="button" className="icon-button" aria-label="Close" onClick={() => onClose()}>
          ×
        </button>
      </header>
      {children}
    </dialog>
  );
}
