import { useState } from 'react';
import { ApprovalDecision } from '../../../shared/src/approval-decision';
import {
  type Obligation,
  type ProcessTemplate,
  type SectionId,
  OBLIGATION_KINDS,
  SECTION_IDS,
  type TemplateChangelog,
  type TemplateEdit,
} from '../../../../src/shared/vocabulary';
import type { ProcessTemplateView } from '../../../../src/shared/admin-views';
import { call } from '../api';
import { TemplateViewer } from './template-viewer';
import { useI18n } from '../i18n';
import { AuditTable, DurationInput, durationText, ErrorBanner, Loading, useView } from './common';

/**
 * One project's (contract's) process template: the version in force, the versions behind it, the draft
 * waiting for the project's client, the editor.
 */
export function TemplateAdmin({ projectKey }: { projectKey: string }) {
  const { t } = useI18n();
  const v = useView(() => call('getProcessTemplate', { projectKey }), projectKey);
  return (
    <Loading state={v.state}>
      {(view) => (
        <div className="stack" data-testid="template-admin">
          <ErrorBanner error={v.error} onDismiss={() => v.setError(null)} />
          <Versions view={view} />
          <TemplateViewer template={view.active} />
          {view.draft ? (
            <Draft view={view} busy={v.busy} run={v.run} />
          ) : view.canPropose ? (
            <Editor
              key={view.active.version}
              template={view.active}
              busy={v.busy}
              onPropose={(edits, note) => v.run(() => call('saveTemplateDraft', { projectKey, edits, note }))}
            />
          ) : null}
          <h3>{t('project.audit')}</h3>
          <AuditTable entries={view.audit} people={view.people} />
        </div>
      )}
    </Loading>
  );
}

function Versions({ view }: { view: ProcessTemplateView }) {
  const i18n = useI18n();
  const { t } = i18n;
  return (
    <section>
      <p className="muted" data-testid="template-project">
        {t('project.contract', { project: view.projectKey })}
      </p>
      <h2 data-testid="template-in-force">
        {i18n.text(view.active.title)} · {t('template.inForce', { version: view.active.version })}
      </h2>
      <table className="table" data-testid="template-versions">
        <thead>
          <tr>
            <th>{t('template.version')}</th>
            <th>{t('template.approvedBy')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {view.versions.map((v) => (
            <tr key={v.ref.version}>
              <td>v{v.ref.version}</td>
              <td>
                {v.builtIn
                  ? t('template.builtIn')
                  : `${view.people[v.approvedBy ?? ''] ?? v.approvedBy} · ${i18n.dateTime(v.approvedAt ?? '')}${v.note ? ` · ${v.note}` : ''}${
                      v.siteWide ? ` · ${t('template.siteWide')}` : ''
                    }`}
              </td>
              <td>{v.active && <span className="lozenge lozenge--success">{t('template.active')}</span>}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function Draft({
  view,
  busy,
  run,
}: {
  view: ProcessTemplateView;
  busy: boolean;
  run: ReturnType<typeof useView<ProcessTemplateView>>['run'];
}) {
  const i18n = useI18n();
  const { t } = i18n;
  const draft = view.draft!;
  const [comment, setComment] = useState('');
  return (
    <section className="card card--highlight" data-testid="template-draft">
      <h3>{t('template.draft', { version: draft.template.version })}</h3>
      <p className="muted">
        {t('template.draftBy', { who: view.people[draft.proposedBy] ?? draft.proposedBy, when: i18n.dateTime(draft.proposedAt) })} ·{' '}
        {draft.note}
      </p>
      {draft.rejection && (
        <p className="banner banner--warning">
          {t('template.rejected', { who: view.people[draft.rejection.by] ?? draft.rejection.by, comment: draft.rejection.comment })}
        </p>
      )}
      <Changelog log={draft.changelog} template={draft.template} />
      <div className="actions">
        {view.canApprove ? (
          <ApprovalDecision
            testId="template-decision"
            labels={{ approve: t('approval.approve'), sendBack: t('approval.sendBack') }}
            disabled={busy}
            renderForm={(choice, close) => (
              <form
                className="approval-form"
                onSubmit={(event) => {
                  event.preventDefault();
                  if (choice === 'send-back' && !comment.trim()) return;
                  void run(() =>
                    call('decideTemplateDraft', {
                      projectKey: view.projectKey,
                      decision: choice === 'approve' ? 'approve' : 'reject',
                      ...(comment.trim() ? { comment: comment.trim() } : {}),
                    }),
                  ).then((ok) => ok && close());
                }}
              >
                <label>
                  {t(choice === 'approve' ? 'approval.note' : 'approval.reason')}
                  <textarea value={comment} onChange={(e) => setComment(e.target.value)} required={choice === 'send-back'} rows={3} />
                </label>
                <button
                  type="submit"
                  className="button button--primary"
                  disabled={busy || (choice === 'send-back' && !comment.trim())}
                  data-testid={choice === 'approve' ? 'approve-template' : 'reject-template'}
                >
                  {choice === 'approve' ? t('template.approve', { version: draft.template.version }) : t('template.reject')}
                </button>
              </form>
            )}
          />
        ) : (
          <span className="muted" data-testid="waits-for-client">
            {t('template.onlyClient')}
          </span>
        )}
        {view.canPropose && (
          <button
            type="button"
            className="button button--subtle"
            disabled={busy}
            onClick={() => void run(() => call('discardTemplateDraft', { projectKey: view.projectKey }))}
          >
            {t('template.discard')}
          </button>
        )}
      </div>
    </section>
  );
}

export function Changelog({ log, template }: { log: TemplateChangelog; template: ProcessTemplate }) {
  const i18n = useI18n();
  const { t } = i18n;
  const rows: [string, string, string][] = [
    ...log.added.map((o) => [t('template.added'), o.id, i18n.text(o.text)] as [string, string, string]),
    ...log.retired.map((o) => [t('template.retired'), o.id, i18n.text(o.text)] as [string, string, string]),
    ...log.restored.map((o) => [t('template.restored'), o.id, i18n.text(o.text)] as [string, string, string]),
    ...log.changed.map(
      (c) =>
        [
          t('template.changed'),
          c.id,
          c.changes.map((x) => `${x.field}: ${JSON.stringify(x.before)} → ${JSON.stringify(x.after)}`).join('; '),
        ] as [string, string, string],
    ),
    ...log.timeFrames.map(
      (f) =>
        [
          t('template.timeFrameChanged'),
          i18n.text(template.timeFrames.find((x) => x.key === f.key)?.label ?? { de: f.key, en: f.key }),
          `${durationText(t, f.before)} → ${durationText(t, f.after)}`,
        ] as [string, string, string],
    ),
  ];
  return (
    <div>
      <h4>{t('template.changelog', { version: log.from.version })}</h4>
      {rows.length === 0 ? (
        <p className="muted">{t('template.noChanges')}</p>
      ) : (
        <table className="table" data-testid="changelog">
          <tbody>
            {rows.map(([kind, id, text], i) => (
              <tr key={i}>
                <td>
                  <span className="lozenge">{kind}</span>
                </td>
                <td className="nowrap">
                  <code>{id}</code>
                </td>
                <td>{text}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

/** Edits a copy of the version in force; the edits sent are the differences, obligation by obligation. */
function Editor({
  template,
  busy,
  onPropose,
}: {
  template: ProcessTemplate;
  busy: boolean;
  onPropose: (edits: TemplateEdit[], note: string) => Promise<boolean>;
}) {
  const i18n = useI18n();
  const { t } = i18n;
  const [open, setOpen] = useState(false);
  const [obligations, setObligations] = useState<Obligation[]>(template.obligations);
  const [frames, setFrames] = useState(template.timeFrames);
  const [added, setAdded] = useState<Extract<TemplateEdit, { type: 'add-obligation' }>[]>([]);
  const [note, setNote] = useState('');
  const [section, setSection] = useState<SectionId>('level-1');
  const [newItem, setNewItem] = useState({
    party: 'contractor' as 'contractor' | 'client',
    de: '',
    en: '',
    kind: 'action' as Obligation['kind'],
    mandatory: false,
  });
  const update = (id: string, change: Partial<Obligation>) =>
    setObligations(obligations.map((o) => (o.id === id ? { ...o, ...change } : o)));

  const edits = (): TemplateEdit[] => {
    const result: TemplateEdit[] = [];
    for (const o of obligations) {
      const before = template.obligations.find((x) => x.id === o.id)!;
      if (before.text.de !== o.text.de || before.text.en !== o.text.en) result.push({ type: 'set-text', obligationId: o.id, text: o.text });
      if (before.mandatoryToLeaveStage !== o.mandatoryToLeaveStage)
        result.push({ type: 'set-mandatory', obligationId: o.id, mandatory: o.mandatoryToLeaveStage });
      if (!before.retired && o.retired) result.push({ type: 'retire', obligationId: o.id });
      if (before.retired && !o.retired) result.push({ type: 'restore', obligationId: o.id });
    }
    for (const f of frames) {
      const before = template.timeFrames.find((x) => x.key === f.key)!;
      if (JSON.stringify(before.default) !== JSON.stringify(f.default))
        result.push({ type: 'set-time-frame-default', key: f.key, duration: f.default });
    }
    return [...result, ...added];
  };

  if (!open) {
    return (
      <button type="button" className="button button--primary" data-testid="new-version" onClick={() => setOpen(true)}>
        {t('template.edit')}
      </button>
    );
  }
  const shown = obligations.filter((o) => o.section === section);
  return (
    <section className="card" data-testid="template-editor">
      <h3>{t('template.edit')}</h3>
      <fieldset>
        <legend>{t('project.timeFrames')}</legend>
        {frames.map((f) => (
          <label key={f.key}>
            {i18n.text(f.label)}
            <DurationInput
              label={i18n.text(f.label)}
              testId={`tf-default-${f.key}`}
              value={f.default}
              onChange={(d) => d && setFrames(frames.map((x) => (x.key === f.key ? { ...x, default: d } : x)))}
            />
          </label>
        ))}
      </fieldset>
      <div className="tabs tabs--small">
        {SECTION_IDS.map((id) => (
          <button key={id} type="button" className={id === section ? 'tab tab--active' : 'tab'} onClick={() => setSection(id)}>
            {i18n.text(template.sections.find((s) => s.id === id)?.title ?? { de: id, en: id })}
          </button>
        ))}
      </div>
      <table className="table">
        <tbody>
          {shown.map((o) => (
            <tr key={o.id} className={o.retired ? 'retired' : ''}>
              <td className="nowrap">
                <code>{o.id}</code>
                <div className="muted">{o.party === 'contractor' ? t('template.contractor') : t('template.client')}</div>
              </td>
              <td>
                <textarea
                  rows={2}
                  value={o.text[i18n.locale]}
                  data-testid={`text-${o.id}`}
                  onChange={(e) => update(o.id, { text: { ...o.text, [i18n.locale]: e.target.value } })}
                />
              </td>
              <td className="nowrap">
                <label>
                  <input
                    type="checkbox"
                    checked={o.mandatoryToLeaveStage}
                    data-testid={`mandatory-${o.id}`}
                    onChange={(e) => update(o.id, { mandatoryToLeaveStage: e.target.checked })}
                  />{' '}
                  {t('template.mandatory')}
                </label>
                <label>
                  <input
                    type="checkbox"
                    checked={!!o.retired}
                    data-testid={`retired-${o.id}`}
                    onChange={(e) => update(o.id, { retired: e.target.checked || undefined })}
                  />{' '}
                  {t('template.retire')}
                </label>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="row">
        <select value={newItem.party} onChange={(e) => setNewItem({ ...newItem, party: e.target.value as 'contractor' | 'client' })}>
          <option value="contractor">{t('template.contractor')}</option>
          <option value="client">{t('template.client')}</option>
        </select>
        <input placeholder="DE" value={newItem.de} onChange={(e) => setNewItem({ ...newItem, de: e.target.value })} />
        <input placeholder="EN" value={newItem.en} onChange={(e) => setNewItem({ ...newItem, en: e.target.value })} />
        <select value={newItem.kind} onChange={(e) => setNewItem({ ...newItem, kind: e.target.value as Obligation['kind'] })}>
          {OBLIGATION_KINDS.map((k) => (
            <option key={k}>{k}</option>
          ))}
        </select>
        <button
          type="button"
          className="button"
          disabled={!newItem.de.trim() || !newItem.en.trim()}
          onClick={() => {
            setAdded([
              ...added,
              {
                type: 'add-obligation',
                section,
                party: newItem.party,
                text: { de: newItem.de, en: newItem.en },
                kind: newItem.kind,
                mandatoryToLeaveStage: newItem.mandatory,
              },
            ]);
            setNewItem({ ...newItem, de: '', en: '' });
          }}
        >
          + {t('template.added')}
        </button>
        {added.length > 0 && <span className="muted">{added.length} ×</span>}
      </div>
      <label>
        {t('template.note')} <input value={note} data-testid="template-note" onChange={(e) => setNote(e.target.value)} />
      </label>
      <div className="actions">
        <button
          type="button"
          className="button button--primary"
          disabled={busy || !note.trim()}
          data-testid="propose-version"
          onClick={() => void onPropose(edits(), note)}
        >
          {t('template.propose', { version: template.version + 1 })}
        </button>
      </div>
    </section>
  );
}
