import { view } from '@forge/bridge';
import { prefetchPanel } from './api/invokes';

// The view and the user's context are asked for first, while the rest of the panel (React and its
// components, most of the bundle) loads and compiles: the answer is often back before the panel can render.
prefetchPanel();
// Jira's light or dark theme in this frame (the CSS uses design tokens); a host without theming keeps the light fallbacks.
void view.theme.enable().catch(() => undefined);
// One retry: a chunk that failed to load once (a dropped connection) usually loads the second time.
void import('./boot').catch(() => import('./boot'));
