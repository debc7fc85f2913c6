import { closeDialog, useApp } from '../../state/app-store';
import { Modal } from '../../ui/modal';
import { closeTab } from './tabs';

/** Closing a tab with unsaved edits asks once; saving stays one shortcut away. */
export function ConfirmCloseDialog({ tabId }: { tabId: string }) {
  const title = useApp((s) => s.tabs.find((t) => t.id === tabId)?.title ?? tabId);
  return (
    <Modal title="Discard unsaved changes?" onClose={closeDialog}>
      <div className="modal__body">
        <p>{title} has edits that are not saved. Closing the tab discards them.</p>
        <footer className="modal__footer">
          <button type="button" className="button" onClick={closeDialog} data-autofocus>
            Keep editing
          </button>
          <button
            type="button"
            className="button button--danger"
            onClick={() => {
              closeDialog();
              closeTab(tabId, true);
            }}
          >
            Discard and close
          </button>
        </footer>
      </div>
    </Modal>
  );
}
