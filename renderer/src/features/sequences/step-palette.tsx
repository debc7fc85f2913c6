/**
 * The palette of step types: drag one onto the canvas (onto a step to insert
 * before it, onto a drop zone to append), or press it to add the step at the
 * chosen insertion point — the keyboard path to the same result.
 */
import { NEW_STEP_MIME } from './sequence-canvas';
import { stepCatalogue, type StepType } from './sequence-model';

export function StepPalette({ onAdd, target }: { onAdd(type: StepType): void; target: string }) {
  return (
    <aside className="seq-palette" aria-label="Step palette">
      <h3 className="seq-palette__title">Steps</h3>
      <p className="seq-palette__target">Adds to: {target}</p>
      <ul>
        {stepCatalogue.map((entry) => (
          <li key={entry.type}>
            <button
              type="button"
              className={`seq-palette__item seq-type--${entry.type}`}
              draggable
              title={entry.hint}
              aria-label={`Add ${entry.label}`}
              onDragStart={(e) => {
                e.dataTransfer.setData(NEW_STEP_MIME, entry.type);
                e.dataTransfer.effectAllowed = 'copy';
              }}
              onClick={() => onAdd(entry.type)}
            >
              {entry.label}
            </button>
          </li>
        ))}
      </ul>
    </aside>
  );
}
