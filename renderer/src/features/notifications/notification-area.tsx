import { useApp } from '../../state/app-store';
import { dismiss } from './notify';
import './notifications.css';

/** Errors stay until dismissed; they carry the catalogue code so a bug report can quote it. */
export function NotificationArea() {
  const notices = useApp((s) => s.notices);
  if (notices.length === 0) return null;
  return (
    <div className="notices" aria-label="Notifications">
      {notices.map((notice) => (
        <div
          key={notice.id}
          className={`notice notice--${notice.tone}`}
          role={notice.tone === 'error' ? 'alert' : 'status'}
          data-testid="notice"
        >
          <div className="notice__text">
            {notice.code && (
              <code className="notice__code" data-testid="notice-code">
                {notice.code}
              </code>
            )}
            <span>{notice.message}</span>
          </div>
          <button
            type="button"
            className="icon-button"
            aria-label="Dismiss"
            onClick={() => dismiss(notice.id)}
          >
            ×
          </button>
        </div>
      ))}
    </div>
  );
}
