import { view } from '@forge/bridge';
import { workflowRules } from '@forge/jira-bridge';
import { StrictMode, useEffect, useRef, useState } from 'react';
import { createRoot } from 'react-dom/client';
import type { TriggerId } from '../../../src/domain/process/process-template';
import { TRIGGER_IDS } from '../../../src/domain/process/process-vocabulary';
import { TRANSITION_ACTIONS, type TransitionAction } from '../../../src/domain/workflow/transition-actions';
import type { TransitionRuleConfig } from '../../../src/domain/workflow/transition-rule';
import './rule-config.css';

/** Texts of the configuration view, in the admin's language. */
const TEXT = {
  en: {
    title: 'Escalation step of this transition',
    action: 'When this transition runs, the escalation should',
    trigger: 'Trigger recorded when it starts an escalation',
    actions: {
      start: 'start (level 1)',
      escalate: 'move up one level',
      'de-escalate': 'move down one level',
      resolve: 'be resolved',
      reopen: 'be reopened',
      close: 'be closed (needs the approved report)',
    },
    triggers: { 'sla-breach': 'SLA not met', 'contract-interpretation': 'Disagreement on contract interpretation', other: 'Other' },
    help: 'Add the validator and the post function with the same step. Add the matching “Escalation:” condition to hide the transition while it is not allowed.',
    summary: 'Escalation step:',
  },
  de: {
    title: 'Eskalationsschritt dieses Übergangs',
    action: 'Wenn dieser Übergang ausgeführt wird, soll die Eskalation',
    trigger: 'Auslöser, der beim Start einer Eskalation erfasst wird',
    actions: {
      start: 'starten (Stufe 1)',
      escalate: 'eine Stufe höher gehen',
      'de-escalate': 'eine Stufe tiefer gehen',
      resolve: 'gelöst werden',
      reopen: 'wieder eröffnet werden',
      close: 'abgeschlossen werden (braucht den genehmigten Bericht)',
    },
    triggers: {
      'sla-breach': 'SLA nicht eingehalten',
      'contract-interpretation': 'Meinungsverschiedenheit über die Vertragsauslegung',
      other: 'Sonstiges',
    },
    help: 'Fügen Sie Validator und Post-Funktion mit demselben Schritt hinzu. Die passende „Eskalation:“-Bedingung blendet den Übergang aus, solange er nicht erlaubt ist.',
    summary: 'Eskalationsschritt:',
  },
} as const;

type Extension = { type?: string; entryPoint?: string; validatorConfig?: string; postFunctionConfig?: string; conditionConfig?: string };

function savedConfig(extension: Extension): Partial<TransitionRuleConfig> {
  const raw = extension.validatorConfig ?? extension.postFunctionConfig ?? extension.conditionConfig;
  try {
    return raw ? (JSON.parse(raw) as Partial<TransitionRuleConfig>) : {};
  } catch {
    return {};
  }
}

function RuleConfig() {
  const [locale, setLocale] = useState<'de' | 'en'>('en');
  const [mode, setMode] = useState<'edit' | 'view'>('edit');
  const [action, setAction] = useState<TransitionAction>('escalate');
  const [trigger, setTrigger] = useState<TriggerId>('sla-breach');
  const [ready, setReady] = useState(false);
  const current = useRef<TransitionRuleConfig>({ action: 'escalate' });
  current.current = action === 'start' ? { action, trigger } : { action };

  useEffect(() => {
    void view.getContext().then((context) => {
      setLocale(String(context.locale ?? 'en').startsWith('de') ? 'de' : 'en');
      const extension = (context.extension ?? {}) as Extension;
      if (extension.entryPoint === 'view') setMode('view');
      const saved = savedConfig(extension);
      if (saved.action && (TRANSITION_ACTIONS as readonly string[]).includes(saved.action)) setAction(saved.action);
      if (saved.trigger) setTrigger(saved.trigger);
      // Only now may Jira ask for the configuration: before, Save would store the default over the saved step.
      void workflowRules.onConfigure(() => JSON.stringify(current.current));
      setReady(true);
    });
  }, []);

  if (!ready) return null;
  const t = TEXT[locale];
  if (mode === 'view') {
    return (
      <p className="summary" data-testid="rule-summary">
        {t.summary} <strong>{t.actions[action]}</strong>
      </p>
    );
  }
  return (
    <form className="rule-config" onSubmit={(e) => e.preventDefault()}>
      <h1>{t.title}</h1>
      <label>
        {t.action}
        <select value={action} onChange={(e) => setAction(e.target.value as TransitionAction)} data-testid="rule-action">
          {TRANSITION_ACTIONS.map((a) => (
            <option key={a} value={a}>
              {t.actions[a]}
            </option>
          ))}
        </select>
      </label>
      {action === 'start' && (
        <label>
          {t.trigger}
          <select value={trigger} onChange={(e) => setTrigger(e.target.value as TriggerId)}>
            {TRIGGER_IDS.map((id) => (
              <option key={id} value={id}>
                {t.triggers[id]}
              </option>
            ))}
          </select>
        </label>
      )}
      <p className="help">{t.help}</p>
    </form>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <RuleConfig />
  </StrictMode>,
);
