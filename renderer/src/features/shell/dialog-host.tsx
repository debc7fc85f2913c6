import { useApp } from '../../state/app-store';
import { CreateApiDialog } from '../create-api/create-api-dialog';
import { ShortcutsDialog } from '../help/shortcuts-dialog';
import { ConfirmCloseDialog } from '../tabs/confirm-close-dialog';
import { NewWorkspaceDialog } from '../workspace/new-workspace-dialog';
import { OpenWorkspaceDialog } from '../workspace/open-workspace-dialog';

/** At most one modal at a time, chosen by the store. */
export function DialogHost() {
  const dialog = useApp((s) => s.dialog);
  switch (dialog?.kind) {
    case 'openWorkspace':
      return <OpenWorkspaceDialog />;
    case 'newWorkspace':
      return <NewWorkspaceDialog />;
    case 'createApi':
      return <CreateApiDialog />;
    case 'shortcuts':
      return <ShortcutsDialog />;
    case 'confirmClose':
      return <ConfirmCloseDialog tabId={dialog.tabId} />;
    default:
      return null;
  }
}
