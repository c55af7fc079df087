import { revisionAnalytics } from '../domain/analytics/revision-analytics';
import { changesBetween } from '../domain/configuration/configuration-audit';
import {
  isReviewApproved,
  reviewApprovedAt,
  reviewReminder,
  type ProcessReview,
  type ReviewContent,
} from '../domain/review/process-review';
import { reviewPageStorage, reviewPageTitle } from '../domain/review/review-page';
import type { Party } from '../domain/process/process-template';
import type { ReviewsView } from '../shared/admin-views';
import { namesOf, openAdminSession, type AdminDeps, type AdminRequester, type AdminSession } from './admin-deps';
import { UseCaseError } from './use-case-error';
import { ConfluenceUnavailableError, SpaceNotFoundError } from './ports/port-errors';

/**
 * The yearly review record: either party (or a Jira admin) writes it; each party approves the current
 * revision; any edit after an approval raises the revision, so both approve the same text. Every change
 * is in the `review` audit log; the record exports to Confluence.
 */
function partyOf(session: AdminSession): Party | undefined {
  const parties = session.viewer.parties;
  return parties.length === 1 ? parties[0] : undefined;
}

function requireWriter(session: AdminSession): void {
  if (!session.viewer.isJiraAdmin && session.viewer.parties.length === 0) {
    throw new UseCaseError('not-a-party', 'The review is written by the contractor and client parties (or a Jira administrator).');
  }
}

async function reviewsView(deps: AdminDeps, session: AdminSession): Promise<ReviewsView> {
  const [reviews, audit] = await Promise.all([deps.reviews.list(), deps.audit.list('review')]);
  const approved = reviews.filter(isReviewApproved).map((r) => reviewApprovedAt(r)!);
  return {
    viewer: session.viewer,
    reviews: reviews.sort((a, b) => b.id.localeCompare(a.id)).map((r) => ({ ...r, approved: isReviewApproved(r) })),
    reminder: reviewReminder(approved, deps.now()),
    audit: [...audit].reverse(),
    people: await namesOf(deps, [
      ...reviews.flatMap((r) => [r.createdBy, r.updatedBy, ...r.approvals.map((a) => a.accountId)]),
      ...audit.map((a) => a.accountId),
    ]),
  };
}

export async function getReviews(deps: AdminDeps, requester: AdminRequester): Promise<ReviewsView> {
  const session = await openAdminSession(deps, requester);
  requireWriter(session);
  return reviewsView(deps, session);
}

export async function saveReview(
  deps: AdminDeps,
  requester: AdminRequester,
  payload: { id: string; content: ReviewContent },
): Promise<ReviewsView> {
  const session = await openAdminSession(deps, requester);
  requireWriter(session);
  const existing = await deps.reviews.get(payload.id);
  const now = deps.now().toISOString();
  const changes = changesBetween(existing?.content, payload.content);
  if (existing && changes.length === 0) return reviewsView(deps, session);
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
  await deps.reviews.save(review);
  await deps.audit.append({
    at: now,
    accountId: requester.accountId,
    target: 'review',
    action: existing ? 'review-changed' : 'review-created',
    changes: changes.map((c) => ({ ...c, path: `${payload.id}.${c.path}` })),
  });
  return reviewsView(deps, session);
}

/** A party approves the revision it has read; approving an outdated revision is refused. */
export async function approveReview(
  deps: AdminDeps,
  requester: AdminRequester,
  payload: { id: string; revision: number },
): Promise<ReviewsView> {
  const session = await openAdminSession(deps, requester);
  const party = partyOf(session);
  if (!party)
    throw new UseCaseError('not-a-party', 'Only a member of exactly one party (contractor or client) may approve the review for it.');
  const review = await deps.reviews.get(payload.id);
  if (!review) throw new UseCaseError('not-found', `There is no review ${payload.id}.`);
  if (review.revision !== payload.revision)
    throw new UseCaseError('conflict', 'The review was changed since you read it; please read it again before approving.');
  if (review.approvals.some((a) => a.party === party && a.revision === review.revision)) return reviewsView(deps, session);
  const now = deps.now().toISOString();
  await deps.reviews.save({
    ...review,
    approvals: [...review.approvals, { party, accountId: requester.accountId, at: now, revision: review.revision }],
  });
  await deps.audit.append({
    at: now,
    accountId: requester.accountId,
    target: 'review',
    action: 'review-approved',
    changes: [{ path: `${review.id}.approvals.${party}`, before: null, after: { revision: review.revision } }],
  });
  return reviewsView(deps, session);
}

/** Exports the record and the period's figures as a Confluence page (created once, then new versions). */
export async function exportReview(
  deps: AdminDeps,
  requester: AdminRequester,
  payload: { id: string; locale: 'de' | 'en'; spaceKey: string; parentId?: string },
): Promise<ReviewsView> {
  const session = await openAdminSession(deps, requester);
  requireWriter(session);
  const review = await deps.reviews.get(payload.id);
  if (!review) throw new UseCaseError('not-found', `There is no review ${payload.id}.`);
  const summaries = await deps.summaries.all();
  const { from, to } = review.content.period;
  const analytics = revisionAnalytics(summaries, { from: `${from}T00:00:00.000Z`, to: `${to}T00:00:00.000Z` }, deps.now());
  const names = await namesOf(
    deps,
    review.approvals.map((a) => a.accountId),
  );
  const last = review.exports[review.exports.length - 1];
  const page = await deps.publisher
    .publish({
      spaceKey: payload.spaceKey,
      ...(payload.parentId ? { parentId: payload.parentId } : {}),
      title: reviewPageTitle(review, payload.locale),
      storage: reviewPageStorage({ review, analytics, locale: payload.locale, names, approved: isReviewApproved(review) }),
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
  await deps.reviews.save({
    ...review,
    exports: [...review.exports, { pageId: page.pageId, url: page.url, at: now, pageVersion: page.version }],
  });
  await deps.audit.append({
    at: now,
    accountId: requester.accountId,
    target: 'review',
    action: 'review-exported',
    changes: [{ path: `${review.id}.exports`, before: last ?? null, after: page }],
  });
  return reviewsView(deps, session);
}
