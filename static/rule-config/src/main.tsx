import { view } from '@forge/bridge';
import { workflowRules } from '@forge/jira-bridge';
import { StrictMode, useEffect, useRef, useState } from 'react';
import { createRoot } from 'react-dom/client';
import {
  type TriggerId,
  TRIGGER_IDS,
  TRANSITION_ACTIONS,
  type TransitionAction,
  type TransitionRuleConfig,
} from '../../../src/shared/vocabulary';
import { translate, type Locale, type MessageKey } from '../../../src/shared/i18n/messages';
import './rule-config.css';

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
  const [locale, setLocale] = useState<Locale>('en');
  const [mode, setMode] = useState<'edit' | 'view'>('edit');
  const [action, setAction] = useState<TransitionAction>('escalate');
  const [trigger, setTrigger] = useState<TriggerId>('sla-breach');
  const [ready, setReady] = useState(false);
  const current = useRef<TransitionRuleConfig>({ action: 'escalate' });
  useEffect(() => {
    current.current = action === 'start' ? { action, trigger } : { action }; // what Jira stores when it asks
  }, [action, trigger]);

  useEffect(() => {
    void view.getContext().then((context) => {
      const l: Locale = String(context.locale ?? 'en').startsWith('de') ? 'de' : 'en';
      setLocale(l);
      document.documentElement.lang = l; // the reader's language, for screen readers
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
  const t = (key: MessageKey) => translate(locale, key);
  if (mode === 'view') {
    return (
      <p className="summary" data-testid="rule-summary">
        {t('ruleConfig.summary')} <strong>{t(`ruleConfig.action.${action}`)}</strong>
      </p>
    );
  }
  return (
    <form className="rule-config" onSubmit={(e) => e.preventDefault()}>
      <h1>{t('ruleConfig.title')}</h1>
      <label>
        {t('ruleConfig.action')}
        <select value={action} onChange={(e) => setAction(e.target.value as TransitionAction)} data-testid="rule-action">
          {TRANSITION_ACTIONS.map((a) => (
            <option key={a} value={a}>
              {t(`ruleConfig.action.${a}`)}
            </option>
          ))}
        </select>
      </label>
      {action === 'start' && (
        <label>
          {t('ruleConfig.trigger')}
          <select value={trigger} onChange={(e) => setTrigger(e.target.value as TriggerId)}>
            {TRIGGER_IDS.map((id) => (
              <option key={id} value={id}>
                {t(`trigger.${id}`)}
              </option>
            ))}
          </select>
        </label>
      )}
      <p className="help">{t('ruleConfig.help')}</p>
    </form>
  );
}

// Jira's light or dark theme in this frame (the CSS uses design tokens); a host without theming keeps the light fallbacks.
void view.theme.enable().catch(() => undefined);
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <RuleConfig />
  </StrictMode>,
);
