import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app';
import { initTheme } from './features/theme/theme';
import { ErrorBoundary } from './ui/error-boundary';
import './ui/theme.css';
import './ui/base.css';
import './ui/shell.css';

// Before the first paint, so a dark-theme user never sees a white flash.
initTheme();

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

createRoot(root).render(
  <StrictMode>
    <ErrorBoundary>
      <App />
    </ErrorBoundary>
  </StrictMode>,
);
