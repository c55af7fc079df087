import { useState } from 'react';
import type { ReviewContent } from '../../../../src/shared/vocabulary';
import type { ReviewsView } from '../../../../src/shared/admin-views';
import { call } from '../api';
import { useI18n, type MessageKey } from '../i18n';
import { Reminder } from './analytics-page';
import { AuditTable, ErrorBanner, Loading, useView } from './common';

const FIELDS = ['findings', 'contractorFeedback', 'clientFeedback', 'agreedChanges', 'training'] as const;

/**
 * One project's (contract's) yearly review record: reminder, the record of the year, approvals by both
 * parties of the project, Confluence export; the site-wide records from before, read only.
 */
export function ReviewPage({ projectKey }: { projectKey: string }) {
  const { t } = useI18n();
  const v = useView(() => call('getReviews', { projectKey }), projectKey);
  return (
    <Loading state={v.state}>
      {(view) => (
        <div className="stack" data-testid="review">
          <p className="muted" data-testid="review-project">
            {t('project.contract', { project: view.projectKey })}
          </p>
          <Reminder reminder={view.reminder} />
          <ErrorBanner error={v.error} onDismiss={() => v.setError(null)} />
          <ReviewForm key={`${view.reviews[0]?.id}-${view.reviews[0]?.revision}`} view={view} run={v.run} busy={v.busy} />
          {view.siteWideReviews.length > 0 && (
            <section data-testid="site-wide-reviews">
              <h3>{t('review.siteWide')}</h3>
              <ul>
                {view.siteWideReviews.map((r) => (
                  <li key={r.id}>
                    {t('review.title', { id: r.id })}
                    {r.approved ? ` · ${t('review.approved')}` : ''}
                    {r.exports.length > 0 ? ` · ${t('review.exported', { url: r.exports[r.exports.length - 1]!.url })}` : ''}
                  </li>
                ))}
              </ul>
            </section>
          )}
          <h3>{t('project.audit')}</h3>
          <AuditTable entries={view.audit} people={view.people} />
        </div>
      )}
    </Loading>
  );
}

function ReviewForm({ view, run, busy }: { view: ReviewsView; run: ReturnType<typeof useView<ReviewsView>>['run']; busy: boolean }) {
  const i18n = useI18n();
  const { t } = i18n;
  const year = String(new Date().getUTCFullYear());
  const current = view.reviews.find((r) => r.id === year) ?? view.reviews[0];
  const id = current?.id ?? year;
  const [content, setContent] = useState<ReviewContent>(
    current?.content ?? {
      period: { from: `${Number(id) - 1}-01-01`, to: `${id}-01-01` },
      findings: '',
      contractorFeedback: '',
      clientFeedback: '',
      agreedChanges: '',
      training: '',
    },
  );
  const [space, setSpace] = useState('ESC');
  const approvals = current?.approvals.filter((a) => a.revision === current.revision) ?? [];
  return (
    <section className="card stack">
      <h2>{t('review.new', { year: id })}</h2>
      <div className="row">
        <label>
          {t('analytics.from')}{' '}
          <input
            type="date"
            value={content.period.from}
            onChange={(e) => setContent({ ...content, period: { ...content.period, from: e.target.value } })}
          />
        </label>
        <label>
          {t('analytics.to')}{' '}
          <input
            type="date"
            value={content.period.to}
            onChange={(e) => setContent({ ...content, period: { ...content.period, to: e.target.value } })}
          />
        </label>
      </div>
      {FIELDS.map((f) => (
        <label key={f} className="block">
          {t(`review.${f}` as MessageKey)}
          <textarea
            rows={3}
            value={content[f]}
            data-testid={`review-${f}`}
            onChange={(e) => setContent({ ...content, [f]: e.target.value })}
          />
        </label>
      ))}
      <div className="actions">
        <button
          type="button"
          className="button button--primary"
          disabled={busy}
          data-testid="save-review"
          onClick={() => void run(() => call('saveReview', { projectKey: view.projectKey, id, content }))}
        >
          {t('save')}
        </button>
        {current && (
          <button
            type="button"
            className="button"
            disabled={busy}
            data-testid="approve-review"
            onClick={() => void run(() => call('approveReview', { projectKey: view.projectKey, id, revision: current.revision }))}
          >
            {t('review.approve', { revision: current.revision })}
          </button>
        )}
        {current?.approved && <span className="lozenge lozenge--success">{t('review.approved')}</span>}
      </div>
      {approvals.length > 0 && (
        <p className="muted">
          {t('review.approvals', {
            list: approvals
              .map((a) => `${t(`party.${a.party}` as MessageKey)}: ${view.people[a.accountId] ?? a.accountId} (${i18n.date(a.at)})`)
              .join('; '),
          })}
        </p>
      )}
      {current && (
        <div className="row">
          <label>
            {t('review.space')} <input className="short" value={space} onChange={(e) => setSpace(e.target.value)} />
          </label>
          <button
            type="button"
            className="button"
            disabled={busy}
            data-testid="export-review"
            onClick={() => void run(() => call('exportReview', { projectKey: view.projectKey, id, locale: i18n.locale, spaceKey: space }))}
          >
            {t('review.export')}
          </button>
          {current.exports.length > 0 && (
            <span className="muted">{t('review.exported', { url: current.exports[current.exports.length - 1]!.url })}</span>
          )}
        </div>
      )}
    </section>
  );
}
