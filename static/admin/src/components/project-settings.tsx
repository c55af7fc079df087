import { useEffect, useState } from 'react';
import type { ProjectConfiguration } from '../../../../src/domain/configuration/project-configuration';
import type { ProjectSettingsView } from '../../../../src/shared/admin-views';
import { call } from '../api';
import { useI18n } from '../i18n';
import { AuditTable, DurationInput, durationText, ErrorBanner, Loading, useView } from './common';

const list = (text: string) => text.split(',').map((s) => s.trim()).filter(Boolean);

/** A project's escalation configuration: a form over the validated schema, and the change history below. */
export function ProjectSettings({ projectKey }: { projectKey?: string }) {
  const { state, run, busy, error, setError } = useView(() => call('getProjectSettings', projectKey ? { projectKey } : {}), [projectKey]);
  return <Loading state={state}>{(view) => <SettingsForm view={view} busy={busy} error={error} onDismiss={() => setError(null)} onSave={(configuration) => run(() => call('saveProjectSettings', { ...(projectKey ? { projectKey } : {}), configuration }))} />}</Loading>;
}

function SettingsForm(props: { view: ProjectSettingsView; busy: boolean; error: ReturnType<typeof useView>['error']; onDismiss: () => void; onSave: (c: ProjectConfiguration) => Promise<boolean> }) {
  const { view } = props;
  const i18n = useI18n();
  const { t } = i18n;
  const [c, setC] = useState<ProjectConfiguration>(view.configuration);
  const [contractor, setContractor] = useState(view.configuration.parties.contractor.groups.join(', '));
  const [client, setClient] = useState(view.configuration.parties.client.groups.join(', '));
  const [critical, setCritical] = useState(view.configuration.criticalPriorities.join(', '));
  const [days, setDays] = useState(view.configuration.policy.calendar.workingDays.join(', '));
  const [holidays, setHolidays] = useState(view.configuration.policy.calendar.holidays ? `${view.configuration.policy.calendar.holidays.country}${view.configuration.policy.calendar.holidays.state ? `/${view.configuration.policy.calendar.holidays.state}` : ''}` : '');
  const [saved, setSaved] = useState(false);
  useEffect(() => setC(view.configuration), [view]);
  const policy = c.policy;
  const setPolicy = (p: Partial<ProjectConfiguration['policy']>) => setC({ ...c, policy: { ...policy, ...p } });

  const submit = async () => {
    const [country, state] = holidays.split('/').map((s) => s.trim());
    const configuration: ProjectConfiguration = {
      ...c,
      parties: { contractor: { groups: list(contractor) }, client: { groups: list(client) } },
      criticalPriorities: list(critical),
      policy: {
        ...policy,
        calendar: {
          ...policy.calendar,
          workingDays: list(days).map(Number),
          holidays: country ? { country, ...(state ? { state } : {}) } : null,
        },
      },
    };
    setSaved(await props.onSave(configuration));
  };

  return (
    <form className="stack" onSubmit={(e) => (e.preventDefault(), void submit())} data-testid="project-settings">
      <h2>{t('project.title', { key: view.projectKey })}</h2>
      {view.isDefault && <p className="banner banner--info">{t('project.default')}</p>}
      <ErrorBanner error={props.error} onDismiss={props.onDismiss} />
      <fieldset>
        <legend>{t('project.parties')}</legend>
        <label>
          {t('project.contractorGroups')} <input value={contractor} onChange={(e) => setContractor(e.target.value)} data-testid="contractor-groups" />
        </label>
        <label>
          {t('project.clientGroups')} <input value={client} onChange={(e) => setClient(e.target.value)} data-testid="client-groups" />
        </label>
        <label>
          {t('project.critical')} <input value={critical} onChange={(e) => setCritical(e.target.value)} />
        </label>
      </fieldset>
      <fieldset>
        <legend>{t('project.levelTimeFrames')}</legend>
        {([1, 2, 3] as const).map((level) => (
          <label key={level}>
            {t('project.level', { level })}
            <DurationInput
              label={t('project.level', { level })}
              testId={`level-time-frame-${level}`}
              value={policy.levelTimeFrames[level]}
              onChange={(d) => setPolicy({ levelTimeFrames: { ...policy.levelTimeFrames, [level]: d } })}
            />
            <span className="muted">{t('project.default.value', { value: durationText(t, view.timeFrames.find((f) => f.key === 'levelTimeFrame')?.default) })}</span>
          </label>
        ))}
      </fieldset>
      <fieldset>
        <legend>{t('project.timeFrames')}</legend>
        {view.timeFrames
          .filter((f) => f.key !== 'levelTimeFrame')
          .map((f) => (
            <label key={f.key}>
              {i18n.text(f.label)}
              <DurationInput label={i18n.text(f.label)} defaultUnit={f.default.unit} value={policy.timeFrames[f.key]} onChange={(d) => setPolicy({ timeFrames: { ...policy.timeFrames, [f.key]: d } })} />
              <span className="muted">{t('project.default.value', { value: durationText(t, f.default) })}</span>
            </label>
          ))}
        <label>
          {t('project.warnFraction')}
          <input type="number" min={0} max={1} step={0.05} value={policy.warnFraction} onChange={(e) => setPolicy({ warnFraction: Number(e.target.value) })} />
        </label>
        <label>
          {t('project.onExpired')}
          <select value={policy.onLevelTimeFrameExpired} onChange={(e) => setPolicy({ onLevelTimeFrameExpired: e.target.value as 'escalate' | 'notify' })}>
            <option value="escalate">{t('project.onExpired.escalate')}</option>
            <option value="notify">{t('project.onExpired.notify')}</option>
          </select>
        </label>
      </fieldset>
      <fieldset>
        <legend>{t('project.calendar')}</legend>
        <label>
          {t('project.timeZone')} <input value={policy.calendar.timeZone} onChange={(e) => setPolicy({ calendar: { ...policy.calendar, timeZone: e.target.value } })} />
        </label>
        <label>
          {t('project.hours')}
          <input className="short" value={policy.calendar.workingHours.start} onChange={(e) => setPolicy({ calendar: { ...policy.calendar, workingHours: { ...policy.calendar.workingHours, start: e.target.value } } })} />
          –
          <input className="short" value={policy.calendar.workingHours.end} onChange={(e) => setPolicy({ calendar: { ...policy.calendar, workingHours: { ...policy.calendar.workingHours, end: e.target.value } } })} />
        </label>
        <label>
          {t('project.days')} <input value={days} onChange={(e) => setDays(e.target.value)} />
        </label>
        <label>
          {t('project.holidays')} <input value={holidays} onChange={(e) => setHolidays(e.target.value)} />
        </label>
        {'reports' in c && c.reports ? (
          <label>
            {t('project.reports')} <input value={c.reports.spaceKey} onChange={(e) => setC({ ...c, reports: { ...c.reports, spaceKey: e.target.value } })} />
          </label>
        ) : null}
      </fieldset>
      <div className="actions">
        <button type="submit" className="button button--primary" disabled={props.busy || !view.canEdit} data-testid="save-settings">
          {props.busy ? t('saving') : t('save')}
        </button>
        {saved && !props.error && <span className="muted" data-testid="saved">{t('saved')}</span>}
      </div>
      <h3>{t('project.audit')}</h3>
      <AuditTable entries={view.audit} people={view.people} />
    </form>
  );
}
