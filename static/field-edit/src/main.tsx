import { view } from '@forge/bridge';
import { StrictMode, useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import type { EscalationPanelView } from '../../../src/shared/escalation-panel-view';
import type { ResolverError, ResolverResponse } from '../../../src/shared/resolver-contract';
import { REJECTION_MESSAGES } from '../../../src/shared/rejection-messages';
import { TRIGGER_IDS } from '../../../src/domain/process/process-vocabulary';
import type { TriggerId } from '../../../src/domain/process/process-template';
import { deEscalate, escalate, getEscalation, startEscalation } from '../../panel/src/api/invokes';
import './field-edit.css';

/**
 * The "Escalation level" field's edit view, e.g. on a workflow transition screen. It never writes the
 * field itself: each choice runs the same resolver as the issue panel (so the log records it and the
 * rules apply), then hands Jira the field value the app derived.
 */
const TEXT = {
  en: {
    loading: 'Loading…',
    noIssue: 'Save the issue first; then start the escalation here or in the Escalation panel.',
    readOnly: 'You cannot change the escalation of this issue.',
    start: 'Start escalation (level 1)',
    trigger: 'Trigger',
    problem: 'Problem',
    impact: 'Impact',
    level: 'Current level',
    escalate: 'Escalate to level',
    deEscalate: 'De-escalate to level',
    note: 'Note (required to de-escalate)',
    triggers: { 'sla-breach': 'SLA not met', 'contract-interpretation': 'Disagreement on contract interpretation', other: 'Other' },
    notOpen: 'The escalation is not open.',
  },
  de: {
    loading: 'Wird geladen…',
    noIssue: 'Speichern Sie den Vorgang zuerst; dann starten Sie die Eskalation hier oder im Eskalations-Panel.',
    readOnly: 'Sie können die Eskalation dieses Vorgangs nicht ändern.',
    start: 'Eskalation starten (Stufe 1)',
    trigger: 'Auslöser',
    problem: 'Problem',
    impact: 'Auswirkungen',
    level: 'Aktuelle Stufe',
    escalate: 'Eskalieren auf Stufe',
    deEscalate: 'Deeskalieren auf Stufe',
    note: 'Notiz (zum Deeskalieren erforderlich)',
    triggers: {
      'sla-breach': 'SLA nicht eingehalten',
      'contract-interpretation': 'Meinungsverschiedenheit über die Vertragsauslegung',
      other: 'Sonstiges',
    },
    notOpen: 'Die Eskalation ist nicht offen.',
  },
} as const;

type Locale = keyof typeof TEXT;

function fieldValue(panel: EscalationPanelView) {
  const e = panel.escalation;
  return e ? { level: e.level, name: `${e.levelName.de} / ${e.levelName.en}`, status: e.status } : null;
}

function FieldEdit() {
  const [locale, setLocale] = useState<Locale>('en');
  const [hasIssue, setHasIssue] = useState(true);
  const [panel, setPanel] = useState<EscalationPanelView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [trigger, setTrigger] = useState<TriggerId>('sla-breach');
  const [problem, setProblem] = useState('');
  const [impact, setImpact] = useState('');
  const [note, setNote] = useState('');

  const explain = (e: ResolverError, l: Locale) =>
    e.code === 'rejected' && e.reason && e.reason in REJECTION_MESSAGES
      ? REJECTION_MESSAGES[e.reason as keyof typeof REJECTION_MESSAGES][l]
      : e.message;

  useEffect(() => {
    void view.getContext().then(async (context) => {
      const l: Locale = String(context.locale ?? 'en').startsWith('de') ? 'de' : 'en';
      setLocale(l);
      const extension = (context.extension ?? {}) as { issue?: { key?: string } };
      if (!extension.issue?.key) return setHasIssue(false);
      const response = await getEscalation();
      if (response.ok) setPanel(response.data);
      else setError(explain(response.error, l));
    });
  }, []);

  const run = async (call: () => Promise<ResolverResponse<EscalationPanelView>>) => {
    if (busy) return;
    setBusy(true);
    setError(null);
    const response = await call();
    setBusy(false);
    if (!response.ok) return setError(explain(response.error, locale));
    setPanel(response.data);
    await view.submit(fieldValue(response.data));
  };

  const t = TEXT[locale];
  if (!hasIssue) return <p className="note">{t.noIssue}</p>;
  if (!panel) return <p className="note">{error ?? t.loading}</p>;
  if (!panel.viewer.canEdit || (!panel.viewer.party && !panel.viewer.isAdmin)) return <p className="note">{t.readOnly}</p>;
  const e = panel.escalation;
  return (
    <div className="field-edit">
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {!e && (
        <form onSubmit={(ev) => (ev.preventDefault(), void run(() => startEscalation({ trigger, problem, impact })))}>
          <label>
            {t.trigger}
            <select value={trigger} onChange={(ev) => setTrigger(ev.target.value as TriggerId)}>
              {TRIGGER_IDS.map((id) => (
                <option key={id} value={id}>
                  {t.triggers[id]}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t.problem}
            <textarea required value={problem} onChange={(ev) => setProblem(ev.target.value)} />
          </label>
          <label>
            {t.impact}
            <textarea required value={impact} onChange={(ev) => setImpact(ev.target.value)} />
          </label>
          <button type="submit" disabled={busy}>
            {t.start}
          </button>
        </form>
      )}
      {e && (
        <div>
          <p>
            {t.level}:{' '}
            <strong>
              {e.level} · {e.levelName[locale]}
            </strong>
          </p>
          {e.status !== 'open' ? (
            <p className="note">{t.notOpen}</p>
          ) : (
            <>
              <button
                type="button"
                disabled={busy || !e.allowed.escalate.ok}
                title={e.allowed.escalate.ok ? '' : REJECTION_MESSAGES[e.allowed.escalate.rejection.code][locale]}
                onClick={() => void run(() => escalate({}))}
              >
                {t.escalate} {Math.min(e.level + 1, 4)}
              </button>
              {!e.allowed.escalate.ok && (
                <p className="note" data-testid="escalate-unavailable">
                  {REJECTION_MESSAGES[e.allowed.escalate.rejection.code][locale]}
                </p>
              )}
              {e.level > 1 && (
                <form onSubmit={(ev) => (ev.preventDefault(), void run(() => deEscalate({ note })))}>
                  <label>
                    {t.note}
                    <input required value={note} onChange={(ev) => setNote(ev.target.value)} />
                  </label>
                  <button type="submit" disabled={busy}>
                    {t.deEscalate} {e.level - 1}
                  </button>
                </form>
              )}
            </>
          )}
        </div>
      )}
    </div>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <FieldEdit />
  </StrictMode>,
);
