/**
 * Entry point. Styles are imported here (never inline) because the server's CSP allows only
 * same-origin style sheets.
 */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import './styles/base.css';
import './styles/components.css';
import './styles/pages.css';
import './styles/data-manager.css';
import './styles/editor.css';
import './styles/review.css';
import './styles/charts.css';
import './styles/quality.css';
import './styles/editor-qc.css';
import './styles/compliance.css';
import './i18n/i18n.ts';
import { App } from './app/app.tsx';
import { SessionProvider } from './app/session.tsx';
import { ToastProvider } from './components/toasts.tsx';

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <ToastProvider>
        <SessionProvider>
          <App />
        </SessionProvider>
      </ToastProvider>
    </StrictMode>,
  );
}
