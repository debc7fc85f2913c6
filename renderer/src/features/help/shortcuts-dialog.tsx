import { closeDialog } from '../../state/app-store';
import { Modal } from '../../ui/modal';
import { shortcuts } from '../commands/shortcuts';

export function ShortcutsDialog() {
  return (
    <Modal title="Keyboard shortcuts" onClose={closeDialog}>
      <div className="modal__body">
        <table className="shortcuts">
          <thead>
            <tr>
              <th scope="col">Action</th>
              <th scope="col">Keys</th>
            </tr>
          </thead>
          <tbody>
            {shortcuts.map((s) => (
              <tr key={s.command}>
                <td>{s.label}</td>
                <td>
                  {s.keys.map((k, i) => (
                    <span key={k.keys} className="shortcuts__combo">
                      {i > 0 && <span className="muted">or </span>}
                      <kbd>{k.keys}</kbd>
                      {k.note && <span className="muted"> {k.note}</span>}
                    </span>
                  ))}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <p className="muted">
          Browsers keep Ctrl+N, Ctrl+W and Ctrl+Tab for themselves, which is why the studio uses Alt
          instead.
        </p>
      </div>
    </Modal>
  );
}
