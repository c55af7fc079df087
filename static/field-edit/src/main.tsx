import { view } from '@forge/bridge';
import { StrictMode, useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import type { EscalationPanelView } from '../../../src/shared/escalation-panel-view';
import type { ResolverError, ResolverResponse } from '../../../src/shared/resolver-contract';
import { isMessageKey, translate, type Locale, type MessageKey } from '../../../src/shared/i18n/messages';
import { TRIGGER_IDS, type TriggerId } from '../../../src/shared/vocabulary';
import { deEscalate, escalate, getEscalation, getLevelFieldValue, startEscalation } from '../../panel/src/api/invokes';
import { settle } from '../../panel/src/hooks/use-envelope-view';
import './field-edit.css';

/**
 * The "Escalation level" field's edit view, e.g. on a workflow transition screen. It never writes the
 * field itself: each choice runs the same resolver as the issue panel (so the log records it and the
 * rules apply), then hands Jira the field value the app derived (asked of the app: its name is in the
 * site's default language, which only the server reads).
 */

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

  const explain = (e: ResolverError, l: Locale) => {
    const key = `rejection.${e.reason ?? ''}`;
    return e.code === 'rejected' && isMessageKey(key) ? translate(l, key) : e.message;
  };

  useEffect(() => {
    void view.getContext().then(async (context) => {
      const l: Locale = String(context.locale ?? 'en').startsWith('de') ? 'de' : 'en';
      setLocale(l);
      document.documentElement.lang = l; // the reader's language, for screen readers
      const extension = (context.extension ?? {}) as { issue?: { key?: string } };
      if (!extension.issue?.key) return setHasIssue(false);
      const response = await settle(getEscalation);
      if (!response) setError(translate(l, 'app.unreachable'));
      else if (response.ok) setPanel(response.data);
      else setError(explain(response.error, l));
    });
  }, []);

  const run = async (call: () => Promise<ResolverResponse<EscalationPanelView>>) => {
    if (busy) return;
    setBusy(true);
    setError(null);
    // A rejected bridge call (no connection, rate limit) must not leave every button disabled.
    const response = await settle(call);
    setBusy(false);
    if (!response) return setError(translate(locale, 'app.unreachable'));
    if (!response.ok) return setError(explain(response.error, locale));
    setPanel(response.data);
    const value = await settle(getLevelFieldValue);
    if (!value) return setError(translate(locale, 'app.unreachable'));
    if (!value.ok) return setError(explain(value.error, locale));
    await view.submit(value.data).catch(() => setError(translate(locale, 'app.unreachable')));
  };

  const t = (key: MessageKey, params?: Record<string, number>) => translate(locale, key, params);
  if (!hasIssue) return <p className="note">{t('fieldEdit.noIssue')}</p>;
  if (!panel) return <p className="note">{error ?? t('loading')}</p>;
  if (!panel.viewer.canEdit || (!panel.viewer.party && !panel.viewer.isAdmin)) return <p className="note">{t('fieldEdit.readOnly')}</p>;
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
            {t('fieldEdit.trigger')}
            <select value={trigger} onChange={(ev) => setTrigger(ev.target.value as TriggerId)}>
              {TRIGGER_IDS.map((id) => (
                <option key={id} value={id}>
                  {t(`trigger.${id}`)}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('fieldEdit.problem')}
            <textarea required value={problem} onChange={(ev) => setProblem(ev.target.value)} />
          </label>
          <label>
            {t('fieldEdit.impact')}
            <textarea required value={impact} onChange={(ev) => setImpact(ev.target.value)} />
          </label>
          <button type="submit" disabled={busy}>
            {t('fieldEdit.start')}
          </button>
        </form>
      )}
      {e && (
        <div>
          <p>
            {t('fieldEdit.level')}:{' '}
            <strong>
              {e.level} · {e.levelName[locale]}
            </strong>
          </p>
          {e.status !== 'open' ? (
            <p className="note">{t('fieldEdit.notOpen')}</p>
          ) : (
            <>
              <button
                type="button"
                disabled={busy || !e.allowed.escalate.ok}
                title={e.allowed.escalate.ok ? '' : t(`rejection.${e.allowed.escalate.rejection.code}`)}
                onClick={() => void run(() => escalate({}))}
              >
                {t('fieldEdit.escalate', { level: Math.min(e.level + 1, 4) })}
              </button>
              {!e.allowed.escalate.ok && (
                <p className="note" data-testid="escalate-unavailable">
                  {t(`rejection.${e.allowed.escalate.rejection.code}`)}
                </p>
              )}
              {e.proposal && (
                <p className="note" data-testid="proposal-waiting">
                  {translate(locale, 'fieldEdit.proposal', { change: translate(locale, `proposal.change.${e.proposal.change}`) })}
                </p>
              )}
              {/* De-escalation needs both parties: this proposes it; the other party answers in the panel. */}
              {e.level > 1 && (
                <form onSubmit={(ev) => (ev.preventDefault(), void run(() => deEscalate({ note })))}>
                  <label>
                    {t('fieldEdit.note')}
                    <input required value={note} onChange={(ev) => setNote(ev.target.value)} />
                  </label>
                  <button
                    type="submit"
                    disabled={busy || !e.allowed.deEscalate.ok}
                    title={e.allowed.deEscalate.ok ? '' : t(`rejection.${e.allowed.deEscalate.rejection.code}`)}
                  >
                    {t('fieldEdit.deEscalate', { level: e.level - 1 })}
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

// Jira's light or dark theme in this frame (the CSS uses design tokens); a host without theming keeps the light fallbacks.
void view.theme.enable().catch(() => undefined);
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <FieldEdit />
  </StrictMode>,
);
