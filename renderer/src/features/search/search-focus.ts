/**
 * How Ctrl/Cmd+K reaches the search box: the mounted box registers its focus
 * function; the command calls whichever is registered.
 */
let focuser: (() => void) | null = null;

export function registerSearchFocus(focus: () => void): () => void {
  focuser = focus;
  return () => {
    if (focuser === focus) focuser = null;
  };
}

/** Focuses the search box; false when none is shown (no workspace open). */
export function focusSearch(): boolean {
  if (!focuser) return false;
  focuser();
  return true;
}
