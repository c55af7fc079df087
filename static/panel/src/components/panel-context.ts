import { createContext, useContext } from 'react';
import type { Party } from '../../../../src/shared/vocabulary';
import type { EscalationPanelView, ObligationItem } from '../../../../src/shared/escalation-panel-view';
import type { MutationInput, MutationKey } from '../api/invokes';
import type { RunResult } from '../hooks/use-panel';
import type { MessageKey } from '../i18n/i18n';

/** What the parts of a loaded panel share: the view, who acts, and how to run an action. */
export interface PanelContextValue {
  readonly view: EscalationPanelView;
  /** Server time now (ms), ticking while the panel is open. */
  readonly nowMs: number;
  readonly obligations: ReadonlyMap<string, ObligationItem>;
  /** The party the viewer acts as now: their own, or the one an admin acts for. `null`: read-only. */
  readonly actingParty: Party | null;
  /** Whether an admin is acting for a party (the server then judges, not the view's `allowed`). */
  readonly actingOnBehalf: boolean;
  /** Why changes are blocked right now, if they are (e.g. an admin has not given the reason yet). */
  readonly blocked: MessageKey | null;
  readonly busy: MutationKey | null;
  readonly run: <K extends MutationKey>(key: K, input: MutationInput<K>) => Promise<RunResult>;
}

export const PanelContext = createContext<PanelContextValue | null>(null);

export function usePanelContext(): PanelContextValue {
  const value = useContext(PanelContext);
  if (!value) throw new Error('usePanelContext outside a loaded panel');
  return value;
}
