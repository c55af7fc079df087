import { view } from '@forge/bridge';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app';
import './panel.css';
import './work-surface.css';

// Jira's light or dark theme in this frame (the CSS uses design tokens); a host without theming keeps the light fallbacks.
void view.theme.enable().catch(() => undefined);
const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
