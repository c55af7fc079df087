import { useState } from 'react';
import type { AnalyticsView, ReviewsView } from '../../../../src/shared/admin-views';
import { call } from '../api';
import { useI18n, type MessageKey } from '../i18n';
import { BarChart, PairChart } from './charts';
import { ErrorBanner, Loading, useView } from './common';

const HOUR = 3_600_000;

function defaultPeriod(): { from: string; to: string } {
  const year = new Date().getUTCFullYear();
  return { from: `${year}-01-01`, to: `${year + 1}-01-01` };
}

/** The revision analytics: a period, charts with their tables, and the CSV export. */
export function AnalyticsPage() {
  const { t } = useI18n();
  const [period, setPeriod] = useState(defaultPeriod);
  const [form, setForm] = useState(period);
  const [projectKey, setProjectKey] = useState('');
  const [csvError, setCsvError] = useState<Parameters<typeof ErrorBanner>[0]['error']>(null);
  const payload = { ...period, ...(projectKey ? { projectKey } : {}) };
  const v = useView(() => call('getAnalytics', payload), `${period.from}|${period.to}|${projectKey ?? ''}`);

  const downloadCsv = async () => {
    const r = await call('exportAnalyticsCsv', payload);
    if (!r.ok) return setCsvError(r.error);
    const url = URL.createObjectURL(new Blob([r.data.csv], { type: 'text/csv;charset=utf-8' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = r.data.filename;
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  };

  return (
    <div className="stack" data-testid="analytics">
      <form className="row" onSubmit={(e) => (e.preventDefault(), setPeriod(form))}>
        <label>
          {t('analytics.from')}{' '}
          <input type="date" value={form.from} data-testid="period-from" onChange={(e) => setForm({ ...form, from: e.target.value })} />
        </label>
        <label>
          {t('analytics.to')}{' '}
          <input type="date" value={form.to} data-testid="period-to" onChange={(e) => setForm({ ...form, to: e.target.value })} />
        </label>
        <button type="submit" className="button button--primary">
          {t('analytics.show')}
        </button>
        {v.state.kind === 'loaded' && v.state.data.projects && v.state.data.projects.length > 1 && (
          <select value={projectKey} onChange={(e) => setProjectKey(e.target.value)}>
            <option value="">{t('analytics.allProjects')}</option>
            {v.state.data.projects.map((p) => (
              <option key={p}>{p}</option>
            ))}
          </select>
        )}
        <button type="button" className="button" data-testid="export-csv" onClick={() => void downloadCsv()}>
          {t('analytics.csv')}
        </button>
      </form>
      <ErrorBanner error={csvError} onDismiss={() => setCsvError(null)} />
      <Loading state={v.state}>{(view) => <Figures view={view} />}</Loading>
    </div>
  );
}

function Figures({ view }: { view: AnalyticsView }) {
  const i18n = useI18n();
  const { t } = i18n;
  const a = view.analytics;
  const hours = (ms: number | null) => (ms === null ? '–' : i18n.number(ms / HOUR, 1));
  const party = (p: string) => t(`party.${p}` as MessageKey);
  return (
    <>
      {view.reminder && <Reminder reminder={view.reminder} />}
      <p className="muted" data-testid="analytics-visible-only">
        {t('analytics.visibleOnly')}
      </p>
      <div className="kpis">
        <Kpi label={t('analytics.total')} value={String(a.total)} testId="kpi-total" />
        <Kpi label={t('analytics.open')} value={String(a.byStatus.open)} />
        <Kpi label={t('analytics.notify')} value={`${hours(a.clientNotification.medianMs)} h`} testId="kpi-notify" />
        <Kpi label={t('analytics.notNotified')} value={String(a.clientNotification.notNotified)} />
      </div>
      <div className="grid">
        <Figure title={t('analytics.byLevel')}>
          <BarChart
            label={t('analytics.byLevel')}
            bars={a.byLevelReached.map((r) => ({ label: t('project.level', { level: r.level }), value: r.count }))}
          />
          <SmallTable
            head={[t('analytics.level'), t('analytics.count')]}
            rows={a.byLevelReached.map((r) => [r.level, r.count])}
            testId="table-level"
          />
        </Figure>
        <Figure title={t('analytics.byTrigger')}>
          <BarChart
            label={t('analytics.byTrigger')}
            bars={a.byTrigger.map((r) => ({ label: t(`trigger.${r.trigger}` as MessageKey), value: r.count, color: '#6554c0' }))}
          />
          <SmallTable
            head={[t('analytics.byTrigger'), t('analytics.count')]}
            rows={a.byTrigger.map((r) => [t(`trigger.${r.trigger}` as MessageKey), r.count])}
          />
        </Figure>
        <Figure title={t('analytics.byMonth')}>
          <BarChart label={t('analytics.byMonth')} bars={a.byMonth.map((r) => ({ label: r.month, value: r.count, color: '#00a3bf' }))} />
          <SmallTable head={[t('analytics.byProject'), t('analytics.count')]} rows={a.byProject.map((r) => [r.projectKey, r.count])} />
        </Figure>
        <Figure title={t('analytics.deadlines')}>
          <PairChart
            label={t('analytics.deadlines')}
            legend={[t('analytics.met'), t('analytics.missed')]}
            rows={a.deadlines.map((d) => ({ label: party(d.party), a: d.met, b: d.missed }))}
          />
          <SmallTable
            head={['', t('analytics.met'), t('analytics.missed')]}
            rows={a.deadlines.map((d) => [party(d.party), d.met, d.missed])}
            testId="table-deadlines"
          />
        </Figure>
        <Figure title={t('analytics.timeAtLevel')}>
          <BarChart
            label={t('analytics.timeAtLevel')}
            bars={a.timeAtLevel.map((r) => ({
              label: t('project.level', { level: r.level }),
              value: Math.round((r.medianMs ?? 0) / HOUR),
              color: '#ff991f',
            }))}
          />
          <SmallTable
            head={[
              t('analytics.level'),
              t('analytics.count'),
              t('analytics.mean'),
              t('analytics.median'),
              t('analytics.max'),
              t('analytics.waitingForContractor'),
              t('analytics.waitingForClient'),
            ]}
            rows={a.timeAtLevel.map((r) => [
              r.level,
              r.count,
              hours(r.meanMs),
              hours(r.medianMs),
              hours(r.maxMs),
              hours(r.waitingForContractorMs),
              hours(r.waitingForClientMs),
            ])}
          />
        </Figure>
        <Figure title={t('analytics.rootCauses')}>
          <SmallTable
            head={[t('analytics.rootCauses'), t('analytics.count'), '']}
            rows={a.rootCauses.slice(0, 15).map((r) => [r.text, r.count, r.issueKeys.slice(0, 5).join(', ')])}
            testId="table-causes"
          />
        </Figure>
        <Figure title={t('analytics.obligations')}>
          <SmallTable
            head={['', t('analytics.late'), t('analytics.leftOpen')]}
            rows={a.obligations.slice(0, 15).map((o) => [`${o.obligationId}${o.mandatory ? ' *' : ''}`, o.late, o.leftOpen])}
            testId="table-obligations"
          />
        </Figure>
        <Figure title={`${t('analytics.openPlans')} / ${t('analytics.openMeasures')}`}>
          <SmallTable head={['', 'v', '']} rows={a.openActionPlans.slice(0, 15).map((p) => [p.issueKey, p.version, p.status])} />
          <SmallTable
            head={['', '', '']}
            rows={a.openMeasures.slice(0, 15).map((m) => [m.issueKey, m.measureId, m.text])}
            testId="table-measures"
          />
        </Figure>
      </div>
    </>
  );
}

export function Reminder({ reminder }: { reminder: ReviewsView['reminder'] }) {
  const i18n = useI18n();
  const cls = reminder.state === 'ok' ? 'banner banner--info' : 'banner banner--warning';
  return (
    <p className={cls} data-testid="review-reminder">
      {i18n.t(`reminder.${reminder.state}` as MessageKey, { date: i18n.date(reminder.dueAt) })}
    </p>
  );
}

function Kpi({ label, value, testId }: { label: string; value: string; testId?: string }) {
  return (
    <div className="kpi" data-testid={testId}>
      <div className="kpi__value">{value}</div>
      <div className="kpi__label">{label}</div>
    </div>
  );
}

function Figure({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <section className="card figure">
      <h3>{title}</h3>
      <div className="figure__body">{children}</div>
    </section>
  );
}

function SmallTable({ head, rows, testId }: { head: string[]; rows: (string | number)[][]; testId?: string }) {
  const { t } = useI18n();
  if (rows.length === 0) return <p className="muted">{t('analytics.none')}</p>;
  return (
    <table className="table table--compact" data-testid={testId}>
      <thead>
        <tr>
          {head.map((h, i) => (
            <th key={i}>{h}</th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((r, i) => (
          <tr key={i}>
            {r.map((c, j) => (
              <td key={j}>{c}</td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
