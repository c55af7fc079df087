import { useCallback, useEffect, useLayoutEffect, useRef, useState, type ReactNode } from 'react';
import type { AuditEntry, Duration } from '../../../../src/shared/vocabulary';
import type { ResolverError, ResolverResponse } from '../../../../src/shared/admin-contract';
import { isMessageKey } from '../../../../src/shared/i18n/messages';
import { useI18n, type MessageKey } from '../i18n';

export type Load<T> = { kind: 'loading' } | { kind: 'failed'; error: ResolverError } | { kind: 'loaded'; data: T };

const unreachable = (error: unknown): ResolverError => ({
  code: 'internal',
  message: error instanceof Error ? error.message : String(error),
});

/**
 * Loads a view and offers `run` for mutations answering with the same view. `key` names what is shown
 * (e.g. the project key): when it changes, the view is loaded again; an answer for an older key is ignored.
 */
export function useView<T>(load: () => Promise<ResolverResponse<T>>, key: string) {
  const [answer, setAnswer] = useState<{ readonly token: string; readonly state: Load<T> } | null>(null);
  const [generation, setGeneration] = useState(0);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ResolverError | null>(null);
  const token = `${generation}:${key}`;
  const loadRef = useRef(load);
  useLayoutEffect(() => {
    loadRef.current = load; // the latest closure, read when a load starts
  });
  useEffect(() => {
    let live = true;
    loadRef
      .current()
      .then((r) => live && setAnswer({ token, state: r.ok ? { kind: 'loaded', data: r.data } : { kind: 'failed', error: r.error } }))
      .catch((e: unknown) => live && setAnswer({ token, state: { kind: 'failed', error: unreachable(e) } }));
    return () => {
      live = false;
    };
  }, [token]);
  const state: Load<T> = answer?.token === token ? answer.state : { kind: 'loading' };
  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  const setState = (next: Load<T>) => setAnswer({ token, state: next });
  const run = async (mutation: () => Promise<ResolverResponse<T>>): Promise<boolean> => {
    setBusy(true);
    setError(null);
    try {
      const r = await mutation();
      if (r.ok) setState({ kind: 'loaded', data: r.data });
      else setError(r.error);
      return r.ok;
    } catch (e) {
      setError(unreachable(e));
      return false;
    } finally {
      setBusy(false);
    }
  };
  return { state, reload, run, busy, error, setError };
}

/**
 * The server's refusal worded in the reader's language from its code (and, for `rejected`, its reason):
 * the server's own message is English for logs, never shown.
 */
export function ErrorBanner({ error, onDismiss }: { error: ResolverError | null; onDismiss?: () => void }) {
  const { t } = useI18n();
  if (!error) return null;
  const reason = `rejection.${error.reason ?? ''}`;
  const byCode = `adminError.${error.code}`;
  const message = error.code === 'rejected' && isMessageKey(reason) ? t(reason) : t(isMessageKey(byCode) ? byCode : 'adminError.internal');
  return (
    <div className="banner banner--error" role="alert" data-testid="error-banner" data-code={error.code}>
      <strong>{message}</strong>
      {error.fields && Object.keys(error.fields).length > 0 && <p>{t('error.fields')}</p>}
      {onDismiss && (
        <button type="button" className="button button--subtle" onClick={onDismiss}>
          ×
        </button>
      )}
    </div>
  );
}

export function Loading<T>({ state, children }: { state: Load<T>; children: (data: T) => ReactNode }) {
  const { t } = useI18n();
  if (state.kind === 'loading')
    return (
      <p className="state" aria-busy="true">
        {t('loading')}
      </p>
    );
  if (state.kind === 'failed') return <ErrorBanner error={state.error} />;
  return <>{children(state.data)}</>;
}

const show = (value: unknown, people: Readonly<Record<string, string>>) => {
  let text = value === null || value === undefined ? '–' : typeof value === 'string' ? value : JSON.stringify(value);
  // Account ids read as names where the view knows them.
  for (const [id, name] of Object.entries(people)) if (text.includes(id)) text = text.split(id).join(name);
  return text;
};

/** The audit log of a target: newest first, each change as path: before → after. */
export function AuditTable({ entries, people }: { entries: readonly AuditEntry[]; people: Readonly<Record<string, string>> }) {
  const i18n = useI18n();
  if (entries.length === 0) return <p className="muted">{i18n.t('audit.none')}</p>;
  return (
    <table className="table" data-testid="audit-table">
      <thead>
        <tr>
          <th>{i18n.t('audit.when')}</th>
          <th>{i18n.t('audit.who')}</th>
          <th>{i18n.t('audit.what')}</th>
          <th>{i18n.t('audit.change')}</th>
        </tr>
      </thead>
      <tbody>
        {entries.map((e) => (
          <tr key={`${e.target}-${e.seq}`}>
            <td className="nowrap">{i18n.dateTime(e.at)}</td>
            <td>{e.accountId === 'app' ? i18n.t('audit.byApp') : (people[e.accountId] ?? e.accountId)}</td>
            <td>
              {i18n.action(e.action)}
              {e.note ? <div className="muted">{e.note}</div> : null}
            </td>
            <td>
              {e.changes.slice(0, 8).map((c) => (
                <div key={c.path} className="change">
                  <code>{c.path}</code>: <span className="before">{show(c.before, people)}</span> →{' '}
                  <span className="after">{show(c.after, people)}</span>
                </div>
              ))}
              {e.changes.length > 8 ? <div className="muted">+{e.changes.length - 8}</div> : null}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export const UNITS = ['minutes', 'hours', 'workingDays', 'calendarDays', 'months', 'years'] as const;

export function durationText(t: (k: MessageKey) => string, d: Duration | undefined): string {
  return d ? `${d.amount} ${t(`unit.${d.unit}` as MessageKey)}` : '–';
}

/** An optional duration: empty amount = not set (the default applies). */
export function DurationInput(props: {
  value: Duration | undefined;
  onChange: (d: Duration | undefined) => void;
  label: string;
  testId?: string;
  defaultUnit?: Duration['unit'];
}) {
  const { t } = useI18n();
  const unit = props.value?.unit ?? props.defaultUnit ?? 'workingDays';
  return (
    <span className="duration">
      <input
        type="number"
        min={1}
        aria-label={props.label}
        data-testid={props.testId}
        value={props.value?.amount ?? ''}
        onChange={(e) => {
          const amount = parseInt(e.target.value, 10);
          props.onChange(Number.isFinite(amount) && amount > 0 ? { amount, unit } : undefined);
        }}
      />
      <select
        aria-label={`${props.label} unit`}
        value={unit}
        onChange={(e) => props.value && props.onChange({ ...props.value, unit: e.target.value as Duration['unit'] })}
      >
        {UNITS.map((u) => (
          <option key={u} value={u}>
            {t(`unit.${u}` as MessageKey)}
          </option>
        ))}
      </select>
    </span>
  );
}
