import type { ReactNode } from 'react';

/** An honest "nothing here yet", with the one action that fills it when there is one. */
export function EmptyState({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="empty-state">
      <p className="empty-state__title">{title}</p>
      {children}
    </div>
  );
}
