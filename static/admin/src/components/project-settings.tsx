import { useState } from 'react';
import type { ProjectConfiguration } from '../../../../src/shared/vocabulary';
import type { ProjectSettingsView } from '../../../../src/shared/admin-views';
import { call } from '../api';
import { useI18n, type MessageKey } from '../i18n';
import { ArbitrationBodies } from './arbitration-bodies';
import { AuditTable, DurationInput, durationText, ErrorBanner, Loading, useView } from './common';
import { compactContacts, ContactsEditor } from './contacts-editor';

const list = (text: string) =>
  text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

/** A project's escalation configuration: a form over the validated schema, and the change history below. */
export function ProjectSettings({ projectKey }: { projectKey?: string }) {
  const { state, run, busy, error, setError } = useView(
    () => call('getProjectSettings', projectKey ? { projectKey } : {}),
    projectKey ?? '',
  );
  return (
    <Loading state={state}>
      {(view) => (
        <div className="stack">
          <SettingsForm
            view={view}
            projectKey={projectKey}
            busy={busy}
            error={error}
            onDismiss={() => setError(null)}
            onSave={(configuration) => run(() => call('saveProjectSettings', { ...(projectKey ? { projectKey } : {}), configuration }))}
          />
          <ArbitrationBodies {...(projectKey ? { projectKey } : {})} />
        </div>
      )}
    </Loading>
  );
}

const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;
const weekdayName = (locale: string, isoDay: number) =>
  new Intl.DateTimeFormat(locale, { weekday: 'short', timeZone: 'UTC' }).format(new Date(Date.UTC(2024, 0, isoDay)));

function SettingsForm(props: {
  view: ProjectSettingsView;
  projectKey?: string | undefined;
  busy: boolean;
  error: ReturnType<typeof useView>['error'];
  onDismiss: () => void;
  onSave: (c: ProjectConfiguration) => Promise<boolean>;
}) {
  const { view } = props;
  const i18n = useI18n();
  const { t } = i18n;
  const [c, setC] = useState<ProjectConfiguration>(view.configuration);
  const [contractor, setContractor] = useState(view.configuration.parties.contractor.groups.join(', '));
  const [client, setClient] = useState(view.configuration.parties.client.groups.join(', '));
  const [clientOrganizations, setClientOrganizations] = useState((view.configuration.parties.client.organizations ?? []).join(', '));
  // Critical priorities: the site's priorities as check boxes, others (or all, when Jira gave no list) typed.
  const [critical, setCritical] = useState<string[]>(view.configuration.criticalPriorities);
  const [otherCritical, setOtherCritical] = useState(
    view.configuration.criticalPriorities.filter((p) => !view.priorities.includes(p)).join(', '),
  );
  const [closed, setClosed] = useState((view.configuration.policy.calendar.extraClosedDates ?? []).join(', '));
  const [names, setNames] = useState<Record<string, string>>({ ...view.people });
  const [parentPage, setParentPage] = useState(view.configuration.reports.parentPageId ?? '');
  const [holidays, setHolidays] = useState(
    view.configuration.policy.calendar.holidays
      ? `${view.configuration.policy.calendar.holidays.country}${view.configuration.policy.calendar.holidays.state ? `/${view.configuration.policy.calendar.holidays.state}` : ''}`
      : '',
  );
  const [saved, setSaved] = useState(false);
  // A new view (after saving or reloading) replaces the edited configuration: adjusted while rendering, as React advises.
  const [shownView, setShownView] = useState(view);
  if (shownView !== view) {
    setShownView(view);
    setC(view.configuration);
  }
  const policy = c.policy;
  const setPolicy = (p: Partial<ProjectConfiguration['policy']>) => setC({ ...c, policy: { ...policy, ...p } });

  const submit = async () => {
    const [country, state] = holidays.split('/').map((s) => s.trim());
    const { extraClosedDates: _previous, ...calendar } = policy.calendar;
    const closedDates = list(closed);
    const configuration: ProjectConfiguration = {
      ...c,
      parties: {
        contractor: { groups: list(contractor) },
        client: { groups: list(client), ...(list(clientOrganizations).length > 0 ? { organizations: list(clientOrganizations) } : {}) },
      },
      criticalPriorities: [...new Set([...critical.filter((p) => view.priorities.includes(p)), ...list(otherCritical)])],
      contacts: compactContacts(c.contacts),
      reports: { spaceKey: c.reports.spaceKey.trim(), ...(parentPage.trim() ? { parentPageId: parentPage.trim() } : {}) },
      policy: {
        ...policy,
        calendar: {
          ...calendar,
          workingDays: [...calendar.workingDays].sort((a, b) => a - b),
          holidays: country ? { country, ...(state ? { state } : {}) } : null,
          ...(closedDates.length > 0 ? { extraClosedDates: closedDates } : {}),
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
          {t('project.contractorGroups')}{' '}
          <input className="wide" value={contractor} onChange={(e) => setContractor(e.target.value)} data-testid="contractor-groups" />
        </label>
        <label>
          {t('project.clientGroups')}{' '}
          <input className="wide" value={client} onChange={(e) => setClient(e.target.value)} data-testid="client-groups" />
        </label>
        <label>
          {t('project.clientOrganizations')}{' '}
          <input
            className="wide"
            value={clientOrganizations}
            onChange={(e) => setClientOrganizations(e.target.value)}
            inputMode="numeric"
            data-testid="client-organizations"
          />
        </label>
      </fieldset>
      <fieldset data-testid="critical-priorities">
        <legend>{t('project.critical')}</legend>
        <p className="muted">{t('project.critical.hint')}</p>
        {view.priorities.length > 0 && (
          <div className="row">
            {view.priorities.map((p) => (
              <label key={p} className="check">
                <input
                  type="checkbox"
                  checked={critical.includes(p)}
                  data-testid={`critical-${p}`}
                  onChange={(e) => setCritical(e.target.checked ? [...critical, p] : critical.filter((x) => x !== p))}
                />
                {p}
              </label>
            ))}
          </div>
        )}
        <label>
          {view.priorities.length > 0 ? t('project.critical.other') : t('project.critical.typed')}
          <input value={otherCritical} data-testid="critical-other" onChange={(e) => setOtherCritical(e.target.value)} />
        </label>
        <label className="check">
          <input
            type="checkbox"
            checked={c.autoStartOnCriticalPriority}
            data-testid="auto-start-critical"
            onChange={(e) => setC({ ...c, autoStartOnCriticalPriority: e.target.checked })}
          />
          {t('project.autoStart')}
        </label>
        <p className="muted">{t('project.autoStart.hint')}</p>
      </fieldset>
      <fieldset>
        <legend>{t('contacts.title')}</legend>
        <p className="muted">{t('contacts.hint')}</p>
        {Object.keys(view.unreachableContacts).length > 0 && (
          <p className="banner banner--warning" role="status" data-testid="unreachable-contacts">
            {t('contacts.unreachable', {
              names: Object.entries(view.unreachableContacts)
                .map(([id, why]) => `${names[id] ?? id} (${t(`contacts.unreachable.${why}` as MessageKey)})`)
                .join(', '),
            })}
          </p>
        )}
        <ContactsEditor
          unreachable={view.unreachableContacts}
          {...(props.projectKey ? { projectKey: props.projectKey } : {})}
          value={c.contacts}
          onChange={(contacts) => setC({ ...c, contacts })}
          names={names}
          onName={(id, name) => setNames((n) => ({ ...n, [id]: name }))}
        />
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
            <span className="muted">
              {t('project.default.value', { value: durationText(t, view.timeFrames.find((f) => f.key === 'levelTimeFrame')?.default) })}
            </span>
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
              <DurationInput
                label={i18n.text(f.label)}
                defaultUnit={f.default.unit}
                value={policy.timeFrames[f.key]}
                onChange={(d) => setPolicy({ timeFrames: { ...policy.timeFrames, [f.key]: d } })}
              />
              <span className="muted">{t('project.default.value', { value: durationText(t, f.default) })}</span>
            </label>
          ))}
        <label>
          {t('project.warnFraction')}
          <input
            type="number"
            min={0}
            max={1}
            step={0.05}
            value={policy.warnFraction}
            onChange={(e) => setPolicy({ warnFraction: Number(e.target.value) })}
          />
        </label>
        <label>
          {t('project.onExpired')}
          <select
            value={policy.onLevelTimeFrameExpired}
            onChange={(e) => setPolicy({ onLevelTimeFrameExpired: e.target.value as 'escalate' | 'notify' })}
          >
            <option value="escalate">{t('project.onExpired.escalate')}</option>
            <option value="notify">{t('project.onExpired.notify')}</option>
          </select>
        </label>
      </fieldset>
      <fieldset>
        <legend>{t('project.calendar')}</legend>
        <label>
          {t('project.mode')}
          <select
            value={policy.calendar.mode}
            data-testid="calendar-mode"
            onChange={(e) => setPolicy({ calendar: { ...policy.calendar, mode: e.target.value as 'business-hours' | '24x7' } })}
          >
            <option value="business-hours">{t('project.mode.business-hours')}</option>
            <option value="24x7">{t('project.mode.24x7')}</option>
          </select>
        </label>
        <label>
          {t('project.timeZone')}{' '}
          <input
            value={policy.calendar.timeZone}
            onChange={(e) => setPolicy({ calendar: { ...policy.calendar, timeZone: e.target.value } })}
          />
        </label>
        <label>
          {t('project.hours')}
          <input
            className="short"
            value={policy.calendar.workingHours.start}
            onChange={(e) =>
              setPolicy({ calendar: { ...policy.calendar, workingHours: { ...policy.calendar.workingHours, start: e.target.value } } })
            }
          />
          –
          <input
            className="short"
            value={policy.calendar.workingHours.end}
            onChange={(e) =>
              setPolicy({ calendar: { ...policy.calendar, workingHours: { ...policy.calendar.workingHours, end: e.target.value } } })
            }
          />
        </label>
        <div className="row" role="group" aria-label={t('project.days')} data-testid="working-days">
          <span className="label">{t('project.days')}</span>
          {WEEKDAYS.map((d) => (
            <label key={d} className="check">
              <input
                type="checkbox"
                checked={policy.calendar.workingDays.includes(d)}
                onChange={(e) =>
                  setPolicy({
                    calendar: {
                      ...policy.calendar,
                      workingDays: e.target.checked
                        ? [...policy.calendar.workingDays, d]
                        : policy.calendar.workingDays.filter((x) => x !== d),
                    },
                  })
                }
              />
              {weekdayName(i18n.locale, d)}
            </label>
          ))}
        </div>
        <label>
          {t('project.holidays')} <input value={holidays} onChange={(e) => setHolidays(e.target.value)} />
        </label>
        <label>
          {t('project.closedDates')}{' '}
          <input
            value={closed}
            data-testid="closed-dates"
            placeholder="2026-12-24, 2026-12-31"
            onChange={(e) => setClosed(e.target.value)}
          />
        </label>
      </fieldset>
      <fieldset>
        <legend>{t('project.reports')}</legend>
        <label>
          {t('project.reports.space')}{' '}
          <input
            className="short"
            value={c.reports.spaceKey}
            data-testid="reports-space"
            onChange={(e) => setC({ ...c, reports: { ...c.reports, spaceKey: e.target.value } })}
          />
        </label>
        <label>
          {t('project.reports.parent')}{' '}
          <input
            className="short"
            value={parentPage}
            inputMode="numeric"
            data-testid="reports-parent"
            onChange={(e) => setParentPage(e.target.value)}
          />
          <span className="muted">{t('project.reports.parentHint')}</span>
        </label>
      </fieldset>
      <div className="actions">
        <button type="submit" className="button button--primary" disabled={props.busy || !view.canEdit} data-testid="save-settings">
          {props.busy ? t('saving') : t('save')}
        </button>
        {/* A live region present before the result, so screen readers announce "Saved". */}
        <span role="status" aria-live="polite">
          {saved && !props.error && (
            <span className="muted" data-testid="saved">
              {t('saved')}
            </span>
          )}
        </span>
      </div>
      <h3>{t('project.audit')}</h3>
      <AuditTable entries={view.audit} people={view.people} />
    </form>
  );
}
