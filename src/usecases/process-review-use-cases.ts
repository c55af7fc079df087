import { revisionAnalytics, startedIn } from '../domain/analytics/revision-analytics';
import { changesBetween, type AuditTarget } from '../domain/configuration/configuration-audit';
import {
  isReviewApproved,
  reviewApprovedAt,
  reviewReminder,
  type ProcessReview,
  type ReviewContent,
} from '../domain/review/process-review';
import { reviewPageStorage, reviewPageTitle } from '../domain/review/review-page';
import type { ReviewsView } from '../shared/admin-views';
import {
  namesOf,
  onlyBrowsable,
  openAdminSession,
  partyInProject,
  type AdminDeps,
  type AdminRequester,
  type AdminSession,
} from './admin-deps';
import { projectOf } from './project-settings-use-cases';
import { UseCaseError } from './use-case-error';
import { ConfluenceUnavailableError, SpaceNotFoundError } from './ports/port-errors';

/**
 * A project's (contract's) yearly review record: either party of the project (or a Jira admin) writes it;
 * each party of the project approves the current revision; any edit after an approval raises the revision,
 * so both approve the same text. Every change is in the project's review audit log; the record exports to
 * Confluence with the project's figures.
 */
const auditTarget = (projectKey: string): AuditTarget => `project-review:${projectKey}`;
const withApproval = (r: ProcessReview) => ({ ...r, approved: isReviewApproved(r) });
const newestFirst = (reviews: ProcessReview[]) => reviews.sort((a, b) => b.id.localeCompare(a.id));

/** When the project's review is due: its own approved reviews and the site-wide ones from before count. */
export async function projectReviewReminder(deps: AdminDeps, projectKey: string) {
  const [own, siteWide] = await Promise.all([deps.reviews.list(projectKey), deps.reviews.siteWide()]);
  return reviewReminder(
    [...own, ...siteWide].filter(isReviewApproved).map((r) => reviewApprovedAt(r)!),
    deps.now(),
  );
}

async function openFor(deps: AdminDeps, requester: AdminRequester, payloadProjectKey: string | undefined) {
  const projectKey = projectOf(requester, payloadProjectKey);
  const session = await openAdminSession(deps, requester);
  if (!session.viewer.isJiraAdmin && !partyInProject(session, projectKey)) {
    throw new UseCaseError(
      'not-a-party',
      `The review of project ${projectKey} is written by its contractor and client parties (or a Jira administrator).`,
    );
  }
  return { projectKey, session };
}

async function reviewsView(deps: AdminDeps, projectKey: string, session: AdminSession): Promise<ReviewsView> {
  const [reviews, siteWide, audit, reminder] = await Promise.all([
    deps.reviews.list(projectKey),
    deps.reviews.siteWide(),
    deps.audit.list(auditTarget(projectKey)),
    projectReviewReminder(deps, projectKey),
  ]);
  return {
    projectKey,
    viewer: session.viewer,
    party: partyInProject(session, projectKey),
    reviews: newestFirst(reviews).map(withApproval),
    siteWideReviews: newestFirst(siteWide).map(withApproval),
    reminder,
    audit: [...audit].reverse(),
    people: await namesOf(deps, [
      ...[...reviews, ...siteWide].flatMap((r) => [r.createdBy, r.updatedBy, ...r.approvals.map((a) => a.accountId)]),
      ...audit.map((a) => a.accountId),
    ]),
  };
}

export async function getReviews(deps: AdminDeps, requester: AdminRequester, payload: { projectKey?: string }): Promise<ReviewsView> {
  const { projectKey, session } = await openFor(deps, requester, payload.projectKey);
  return reviewsView(deps, projectKey, session);
}

export async function saveReview(
  deps: AdminDeps,
  requester: AdminRequester,
  payload: { projectKey?: string; id: string; content: ReviewContent },
): Promise<ReviewsView> {
  const { projectKey, session } = await openFor(deps, requester, payload.projectKey);
  const existing = await deps.reviews.get(projectKey, payload.id);
  const now = deps.now().toISOString();
  const changes = changesBetween(existing?.content, payload.content);
  if (existing && changes.length === 0) return reviewsView(deps, projectKey, session);
  const review: ProcessReview = existing
    ? { ...existing, content: payload.content, revision: existing.revision + 1, updatedBy: requester.accountId, updatedAt: now }
    : {
        id: payload.id,
        content: payload.content,
        revision: 1,
        approvals: [],
        createdBy: requester.accountId,
        createdAt: now,
        updatedBy: requester.accountId,
        updatedAt: now,
        exports: [],
      };
  await deps.reviews.save(projectKey, review);
  await deps.audit.append({
    at: now,
    accountId: requester.accountId,
    target: auditTarget(projectKey),
    action: existing ? 'review-changed' : 'review-created',
    changes: changes.map((c) => ({ ...c, path: `${payload.id}.${c.path}` })),
  });
  return reviewsView(deps, projectKey, session);
}

/**
 * A party of the project approves the revision it has read, for its party in this project; approving an
 * outdated revision is refused.
 */
export async function approveReview(
  deps: AdminDeps,
  requester: AdminRequester,
  payload: { projectKey?: string; id: string; revision: number },
): Promise<ReviewsView> {
  const projectKey = projectOf(requester, payload.projectKey);
  const session = await openAdminSession(deps, requester);
  const party = partyInProject(session, projectKey);
  if (!party)
    throw new UseCaseError(
      'not-a-party',
      `Only a member of the contractor or the client party of project ${projectKey} may approve its review.`,
    );
  const review = await deps.reviews.get(projectKey, payload.id);
  if (!review) throw new UseCaseError('not-found', `There is no review ${payload.id} of project ${projectKey}.`);
  if (review.revision !== payload.revision)
    throw new UseCaseError('conflict', 'The review was changed since you read it; please read it again before approving.');
  if (review.approvals.some((a) => a.party === party && a.revision === review.revision)) return reviewsView(deps, projectKey, session);
  const now = deps.now().toISOString();
  await deps.reviews.save(projectKey, {
    ...review,
    approvals: [...review.approvals, { party, accountId: requester.accountId, at: now, revision: review.revision }],
  });
  await deps.audit.append({
    at: now,
    accountId: requester.accountId,
    target: auditTarget(projectKey),
    action: 'review-approved',
    changes: [{ path: `${review.id}.approvals.${party}`, before: null, after: { revision: review.revision } }],
  });
  return reviewsView(deps, projectKey, session);
}

/** Exports the record and the project's figures of the period as a Confluence page (created once, then new versions). */
export async function exportReview(
  deps: AdminDeps,
  requester: AdminRequester,
  payload: { projectKey?: string; id: string; locale: 'de' | 'en'; spaceKey: string; parentId?: string },
): Promise<ReviewsView> {
  const { projectKey, session } = await openFor(deps, requester, payload.projectKey);
  const review = await deps.reviews.get(projectKey, payload.id);
  if (!review) throw new UseCaseError('not-found', `There is no review ${payload.id} of project ${projectKey}.`);
  const { from, to } = review.content.period;
  const period = { from: `${from}T00:00:00.000Z`, to: `${to}T00:00:00.000Z` };
  const inPeriod = startedIn(period);
  // The page shows what the exporting user may browse: nobody publishes figures of issues hidden from them.
  const summaries = await onlyBrowsable(
    deps,
    (await deps.summaries.all()).filter((s) => s.projectKey === projectKey && inPeriod(s)),
  );
  const analytics = revisionAnalytics(summaries, period, deps.now());
  const last = review.exports[review.exports.length - 1];
  const page = await deps.publisher
    .publish({
      spaceKey: payload.spaceKey,
      ...(payload.parentId ? { parentId: payload.parentId } : {}),
      title: reviewPageTitle(review, payload.locale, projectKey),
      storage: reviewPageStorage({ review, analytics, locale: payload.locale, approved: isReviewApproved(review) }),
      ...(last ? { pageId: last.pageId } : {}),
    })
    .catch((error: unknown) => {
      if (error instanceof SpaceNotFoundError)
        throw new UseCaseError(
          'not-found',
          `Confluence space ${payload.spaceKey} (or the parent page) was not found, or you may not see it.`,
        );
      if (error instanceof ConfluenceUnavailableError)
        throw new UseCaseError(
          'confluence-unavailable',
          'Confluence could not be reached: the app may not be installed in Confluence on this site, or Confluence is unavailable. Nothing was published; the approved report stays available here.',
        );
      throw error;
    });
  const now = deps.now().toISOString();
  await deps.reviews.save(projectKey, {
    ...review,
    exports: [...review.exports, { pageId: page.pageId, url: page.url, at: now, pageVersion: page.version }],
  });
  await deps.audit.append({
    at: now,
    accountId: requester.accountId,
    target: auditTarget(projectKey),
    action: 'review-exported',
    changes: [{ path: `${review.id}.exports`, before: last ?? null, after: page }],
  });
  return reviewsView(deps, projectKey, session);
}
