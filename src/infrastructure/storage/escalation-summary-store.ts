import { Filter, FilterConditions, WhereConditions } from '@forge/kvs';
import { kvs } from './rate-limited-kvs';
import { escalationSummarySchema, type EscalationSummary } from '../../domain/analytics/escalation-summary';
import { emptyTotals, foldTotals, totalsKeyOf, type AnalyticsTotals } from '../../domain/analytics/analytics-totals';
import type { EscalationSummaryStore } from '../../usecases/ports/escalation-summary-store';
import { KVS_QUERY_PAGE, queryPrefix } from './kvs-prefix-query';

export const SUMMARY_PREFIX = 'escalation-summary:';
/** The manifest's `app.storage.entities`: the project-month totals and, per escalation, what was folded in. */
export const TOTALS_ENTITY = 'analytics-totals';
export const TOTALS_INDEX = 'by-month';
export const FOLDED_ENTITY = 'analytics-folded';
/** Per project: how many escalations are folded into its totals, all months (the view compares it with Jira's count). */
export const PROJECT_ENTITY = 'analytics-project';
export const BACKFILL_KEY = 'analytics:totals-backfill';
/** Forge answers COMPLEX_QUERY_PAGE_LIMIT_NOT_IN_RANGE outside 1..100. */
const ENTITY_PAGE = 100;
/** Attempts of one fold against concurrent writers before the error goes to the caller. */
const FOLD_ATTEMPTS = 6;

export interface TotalsRow {
  projectKey: string;
  month: string;
  version: number;
  totals: AnalyticsTotals;
}
interface FoldedRow {
  issueId: string;
  projectKey: string;
  month: string;
  seq: number;
}
export interface ProjectRow {
  projectKey: string;
  escalations: number;
  version: number;
}
interface BackfillState {
  done: boolean;
  cursor?: string;
  folded: number;
}

/**
 * Each project-month's totals are split into this many documents by issue, so one stays well under the
 * 240 KiB value limit up to about 30,000 escalations a project starts in one month (about 60 bytes each),
 * and concurrent writers of one project-month meet on the same document only one time in eight.
 */
export const TOTALS_SHARDS = 8;

const summaryKey = (issueId: string) => `${SUMMARY_PREFIX}${issueId}`;

/** A stable shard of the issue (its numeric id, or a string hash for other ids). */
function shardOf(issueId: string): number {
  if (/^\d{1,15}$/.test(issueId)) return Number(issueId) % TOTALS_SHARDS;
  let h = 0;
  for (const c of issueId) h = (h * 31 + c.charCodeAt(0)) >>> 0;
  return h % TOTALS_SHARDS;
}
export interface TotalsPlace {
  projectKey: string;
  month: string;
  key: string;
}
/** Where a summary's part of the totals is kept: its project, start month and shard, and the document's key. */
export const placeOf = (s: EscalationSummary): TotalsPlace => {
  const { projectKey, month } = totalsKeyOf(s);
  return { projectKey, month, key: `${projectKey}:${month}:${shardOf(s.issueId)}` };
};

function summaryOf(value: unknown): EscalationSummary | undefined {
  // Written only by this app from a validated log: a cheap shape check keeps 10,000 reads fast, and a
  // summary of another shape (an older `v`) is skipped rather than breaking the whole report.
  const v = value as Partial<EscalationSummary> | null;
  if (v?.v === 1 && typeof v.startedAt === 'string' && Array.isArray(v.levels)) return v as EscalationSummary;
  return escalationSummarySchema.safeParse(value).data;
}

/**
 * The row must still be as read: same `version`, or still absent. (That a condition on an absent entity sees
 * its attributes as absent, so `notExists` holds, is how the sandbox answers; the storage reference does not say.)
 */
const versionIs = <T extends { version: number }>(version: number | undefined) =>
  version === undefined
    ? new Filter<T>().and('version', FilterConditions.notExists())
    : new Filter<T>().and('version', FilterConditions.equalTo(version));

/**
 * Writes the summary and folds it into its project-month totals, all in one `kvs.transact()`.
 *
 * Why no update is lost with two writers at once (two consumers on escalations of the same project-month,
 * or two appends of one escalation): every write is conditional on what was read. The totals carry a
 * `version` that the transaction requires unchanged (or absent for new totals), and the escalation's
 * folded marker carries the sequence of the summary folded before (or must be absent for the first fold),
 * so the part taken away is exactly the part that was added. Whoever loses re-reads and folds again; the
 * transaction is all-or-nothing, so the summary, the marker and the totals never disagree. A summary older
 * than the one folded (an append overtaken by a later one) changes nothing.
 *
 * `onlyIfUnfolded`: the backfill's mode, which folds a summary written before the totals existed once.
 */
async function fold(
  summary: EscalationSummary,
  options: { onlyIfUnfolded?: boolean; write?: boolean } = {},
): Promise<'folded' | 'skipped'> {
  const target = placeOf(summary);
  let lastError: unknown;
  for (let attempt = 0; attempt < FOLD_ATTEMPTS; attempt++) {
    const read = await kvs.batchGet<unknown>([
      { key: summary.issueId, entityName: FOLDED_ENTITY },
      { key: summaryKey(summary.issueId) },
      { key: target.key, entityName: TOTALS_ENTITY },
      { key: target.projectKey, entityName: PROJECT_ENTITY },
    ]);
    const found = (key: string, entityName?: string) =>
      read.successfulKeys.find((r) => r.key === key && (r as { entityName?: string }).entityName === entityName)?.value;
    const marker = found(summary.issueId, FOLDED_ENTITY) as FoldedRow | undefined;
    if (marker && options.onlyIfUnfolded) return 'skipped';
    if (marker && marker.seq > summary.lastSeq) return 'skipped';
    const before = marker ? summaryOf(found(summaryKey(summary.issueId))) : undefined;
    const places = new Map<string, { place: TotalsPlace; row: TotalsRow | undefined }>([
      [target.key, { place: target, row: found(target.key, TOTALS_ENTITY) as TotalsRow | undefined }],
    ]);
    const source = before ? placeOf(before) : undefined;
    if (source && !places.has(source.key))
      places.set(source.key, { place: source, row: await kvs.entity<TotalsRow>(TOTALS_ENTITY).get(source.key) });

    const next = new Map<string, AnalyticsTotals>();
    for (const [key, { place, row }] of places) next.set(key, row?.totals ?? emptyTotals(place.projectKey, place.month));
    if (before && source) next.set(source.key, foldTotals(next.get(source.key)!, { before }));
    next.set(target.key, foldTotals(next.get(target.key)!, { after: summary }));

    // The project's escalation count changes only when the escalation joins (or moves to) the project.
    const counts = new Map<string, { row: ProjectRow | undefined; delta: number }>();
    if (marker?.projectKey !== target.projectKey) {
      counts.set(target.projectKey, { row: found(target.projectKey, PROJECT_ENTITY) as ProjectRow | undefined, delta: 1 });
      if (marker) counts.set(marker.projectKey, { row: await kvs.entity<ProjectRow>(PROJECT_ENTITY).get(marker.projectKey), delta: -1 });
    }

    const tx = kvs.transact();
    if (options.write !== false) tx.set(summaryKey(summary.issueId), summary);
    tx.set<FoldedRow>(
      summary.issueId,
      { issueId: summary.issueId, projectKey: target.projectKey, month: target.month, seq: summary.lastSeq },
      {
        entityName: FOLDED_ENTITY,
        conditions: marker
          ? new Filter<FoldedRow>().and('seq', FilterConditions.equalTo(marker.seq))
          : new Filter<FoldedRow>().and('seq', FilterConditions.notExists()),
      },
    );
    for (const [key, totals] of next) {
      const row = places.get(key)!.row;
      tx.set<TotalsRow>(
        key,
        { projectKey: totals.projectKey, month: totals.month, version: (row?.version ?? 0) + 1, totals },
        { entityName: TOTALS_ENTITY, conditions: versionIs<TotalsRow>(row?.version) },
      );
    }
    for (const [projectKey, { row, delta }] of counts) {
      tx.set<ProjectRow>(
        projectKey,
        { projectKey, escalations: (row?.escalations ?? 0) + delta, version: (row?.version ?? 0) + 1 },
        { entityName: PROJECT_ENTITY, conditions: versionIs<ProjectRow>(row?.version) },
      );
    }
    try {
      await tx.execute();
      return 'folded';
    } catch (error) {
      // A condition that no longer holds (someone else folded first) or a failure: read again and retry.
      // Forge documents no error code for a cancelled transaction, so the error is not classified.
      lastError = error;
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 50 * (attempt + 1)));
    }
  }
  throw lastError;
}

/**
 * The analytics read model: one summary per escalation (`escalation-summary:<issueId>`), rewritten from
 * the log after every append, and running totals per project and month (custom entity `analytics-totals`)
 * kept in step in the same transaction. Both are projections: losing or rebuilding them loses nothing.
 */
export const kvsEscalationSummaryStore: EscalationSummaryStore = {
  async save(summary) {
    await fold(summary);
  },

  all() {
    return queryPrefix(SUMMARY_PREFIX, (value) => summaryOf(value));
  },

  async totals(months) {
    const rows: AnalyticsTotals[] = [];
    let cursor: string | undefined;
    do {
      let query = kvs
        .entity<TotalsRow>(TOTALS_ENTITY)
        .query()
        .index(TOTALS_INDEX)
        .where(WhereConditions.between(months.from, months.to))
        .limit(ENTITY_PAGE);
      if (cursor) query = query.cursor(cursor);
      const page = await query.getMany();
      for (const r of page.results) if (r.value?.totals?.v === 1) rows.push(r.value.totals);
      cursor = page.nextCursor;
    } while (cursor);
    return rows;
  },

  async projectCounts(projectKeys) {
    const counts = new Map<string, number>();
    for (let i = 0; i < projectKeys.length; i += 20) {
      const read = await kvs.batchGet<ProjectRow>(projectKeys.slice(i, i + 20).map((key) => ({ key, entityName: PROJECT_ENTITY })));
      for (const r of read.successfulKeys) if (typeof r.value?.escalations === 'number') counts.set(r.key, r.value.escalations);
    }
    return counts;
  },

  async totalsComplete() {
    return (await kvs.get<BackfillState>(BACKFILL_KEY))?.done === true;
  },

  async backfillTotals({ maxPages }) {
    const state = (await kvs.get<BackfillState>(BACKFILL_KEY)) ?? { done: false, folded: 0 };
    if (state.done) return { done: true, folded: state.folded };
    let { cursor, folded } = state;
    for (let page = 0; page < maxPages; page++) {
      let query = kvs.query().where('key', WhereConditions.beginsWith(SUMMARY_PREFIX)).limit(KVS_QUERY_PAGE);
      if (cursor) query = query.cursor(cursor);
      const result = await query.getMany<unknown>();
      for (const { value } of result.results) {
        const summary = summaryOf(value);
        // The summary is already stored: only the marker and the totals are written.
        if (summary && (await fold(summary, { onlyIfUnfolded: true, write: false })) === 'folded') folded++;
      }
      cursor = result.nextCursor;
      // Progress is saved after each page: a run cut off resumes from here (a page folded twice is skipped).
      const next: BackfillState = cursor ? { done: false, cursor, folded } : { done: true, folded };
      await kvs.set(BACKFILL_KEY, next);
      if (!cursor) return { done: true, folded };
    }
    return { done: false, folded };
  },
};
