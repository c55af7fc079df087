import type { EscalationPanelView } from '../../../../src/shared/escalation-panel-view';

/** The decisions a person takes in the panel; each form recalls the annex's principles that bear on it. */
export type PanelDecision = 'start' | 'escalate' | 'deEscalate' | 'resolve' | 'conciliationConsent';

/**
 * Which principles ("Einleitung" intro-*, "Definition der Eskalation" definition-*) each decision recalls,
 * in the order shown. The one place this choice is made:
 *   intro-06 no blame · intro-07 last resort · intro-08 good faith · definition-01 a higher decision level
 *   definition-05 objectivity · definition-06 a chance to improve · definition-08 not every problem
 *   definition-09 a mutual agreement without harming the relationship
 */
export const DECISION_PRINCIPLES: Readonly<Record<PanelDecision, readonly string[]>> = {
  start: ['intro-07', 'definition-08', 'intro-06', 'intro-08'],
  escalate: ['intro-07', 'definition-01', 'intro-06', 'definition-05'],
  deEscalate: ['definition-09', 'intro-08', 'definition-05'],
  resolve: ['definition-09', 'definition-06', 'intro-06'],
  conciliationConsent: ['intro-07', 'intro-08', 'definition-09', 'definition-05'],
};

/** The view's principles for a decision, in the table's order; ids a template lacks are left out. */
export function principlesFor(view: Pick<EscalationPanelView, 'principles'>, decision: PanelDecision): EscalationPanelView['principles'] {
  return DECISION_PRINCIPLES[decision].flatMap((id) => view.principles.filter((p) => p.id === id));
}
