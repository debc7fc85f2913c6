/** Native dialogs the IPC layer asks for. */
import type { BrowserWindow, Dialog, OpenDialogOptions } from 'electron';

/** The folder picker for `workspace.pickFolder`; `null` when the user cancels. */
export async function pickFolder(
  dialog: Pick<Dialog, 'showOpenDialog'>,
  window: BrowserWindow | null,
  mode: 'open' | 'create',
): Promise<string | null> {
  const options: OpenDialogOptions =
    mode === 'open'
      ? { title: 'Open Workspace', buttonLabel: 'Open', properties: ['openDirectory'] }
      : {
          title: 'New Workspace',
          buttonLabel: 'Create Here',
          properties: ['openDirectory', 'createDirectory', 'promptToCreate'],
        };
  const result = window
    ? await dialog.showOpenDialog(window, options)
    : await dialog.showOpenDialog(options);
  return result.canceled ? null : (result.filePaths[0] ?? null);
}
