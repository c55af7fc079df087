import type { ReactNode } from 'react';

/** Jira's lozenge tones: success (done), warning, danger (overdue), neutral (open), info, new. */
export type Tone = 'success' | 'warning' | 'danger' | 'neutral' | 'info' | 'new';

export function Lozenge({ tone, children, title }: { readonly tone: Tone; readonly children: ReactNode; readonly title?: string }) {
  return (
    <span className={`lozenge lozenge--${tone}`} title={title}>
      {children}
    </span>
  );
}

export const DEADLINE_TONE = { ok: 'info', warning: 'warning', overdue: 'danger', paused: 'neutral' } as const satisfies Record<
  string,
  Tone
>;
