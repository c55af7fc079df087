import { isDeepStrictEqual } from 'node:util';
import { Filter, FilterConditions, WhereConditions } from '@forge/kvs';
import { kvs } from './rate-limited-kvs';
import { escalationSummarySchema, type EscalationSummary } from '../../domain/analytics/escalation-summary';
import { contributionOf, emptyTotals, foldTotals, totalsKeyOf, type AnalyticsTotals } from '../../domain/analytics/analytics-totals';
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
/** A summary larger than this is not copied into the marker (the next fold reads it instead): the row stays far below 240 KiB. */
const MARKER_SUMMARY_BYTES = 100 * 1024;

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
  /** The summary folded, so the next fold need not read it (absent in markers written before it was kept here). */
  summary?: EscalationSummary;
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

/** The two summaries add the same part to the same totals (the log moved on, e.g. a warning sent): only the issue's `seq` differs. */
function samePart(before: EscalationSummary, after: EscalationSummary): boolean {
  return isDeepStrictEqual({ ...contributionOf(before), issues: {} }, { ...contributionOf(after), issues: {} });
}

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
 * Reads are plain gets (Forge allows only 45 batch operations a minute per installation, storage-reference/
 * batchops, and a sweep folds hundreds a minute): first the marker, which carries the summary folded before
 * (a marker written before it did: the summary's own key). When the new summary adds the same part to the
 * same totals, only the summary and the marker are written (the totals keep the issue's earlier `seq`, the
 * one whose part they hold). Otherwise the totals it leaves and joins are read side by side, and the project
 * rows only when the escalation joins (or moves to) a project, the only time a project's count changes.
 *
 * `onlyIfUnfolded`: the backfill's mode, which folds a summary written before the totals existed once.
 */
async function fold(
  summary: EscalationSummary,
  options: { onlyIfUnfolded?: boolean; write?: boolean } = {},
): Promise<'folded' | 'skipped'> {
  const target = placeOf(summary);
  const carried = Buffer.byteLength(JSON.stringify(summary)) <= MARKER_SUMMARY_BYTES;
  let lastError: unknown;
  for (let attempt = 0; attempt < FOLD_ATTEMPTS; attempt++) {
    const marker = await kvs.entity<FoldedRow>(FOLDED_ENTITY).get(summary.issueId);
    if (marker && options.onlyIfUnfolded) return 'skipped';
    if (marker && marker.seq > summary.lastSeq) return 'skipped';
    const before = marker ? summaryOf(marker.summary ?? (await kvs.get<unknown>(summaryKey(summary.issueId)))) : undefined;
    const source = before ? placeOf(before) : undefined;
    const joins = marker?.projectKey !== target.projectKey;
    const totalsChange = !before || !source || source.key !== target.key || joins || !samePart(before, summary);

    const places = new Map<string, { place: TotalsPlace; row: TotalsRow | undefined }>();
    const counts = new Map<string, { row: ProjectRow | undefined; delta: number }>();
    if (totalsChange) {
      const moved = source && source.key !== target.key ? source : undefined;
      const [targetRow, sourceRow, joined, left] = await Promise.all([
        kvs.entity<TotalsRow>(TOTALS_ENTITY).get(target.key),
        moved ? kvs.entity<TotalsRow>(TOTALS_ENTITY).get(moved.key) : undefined,
        joins ? kvs.entity<ProjectRow>(PROJECT_ENTITY).get(target.projectKey) : undefined,
        joins && marker ? kvs.entity<ProjectRow>(PROJECT_ENTITY).get(marker.projectKey) : undefined,
      ]);
      places.set(target.key, { place: target, row: targetRow });
      if (moved) places.set(moved.key, { place: moved, row: sourceRow });
      if (joins) {
        counts.set(target.projectKey, { row: joined, delta: 1 });
        if (marker) counts.set(marker.projectKey, { row: left, delta: -1 });
      }
    }
    const next = new Map<string, AnalyticsTotals>();
    for (const [key, { place, row }] of places) next.set(key, row?.totals ?? emptyTotals(place.projectKey, place.month));
    if (totalsChange) {
      if (before && source) next.set(source.key, foldTotals(next.get(source.key)!, { before }));
      next.set(target.key, foldTotals(next.get(target.key)!, { after: summary }));
    }

    const tx = kvs.transact();
    if (options.write !== false) tx.set(summaryKey(summary.issueId), summary);
    tx.set<FoldedRow>(
      summary.issueId,
      {
        issueId: summary.issueId,
        projectKey: target.projectKey,
        month: target.month,
        seq: summary.lastSeq,
        ...(carried ? { summary } : {}),
      },
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
    // Plain gets side by side: no batch operation, whose 45 a minute the installation shares (storage-reference/batchops).
    const rows = await Promise.all(projectKeys.map((key) => kvs.entity<ProjectRow>(PROJECT_ENTITY).get(key)));
    const counts = new Map<string, number>();
    rows.forEach((row, i) => {
      if (typeof row?.escalations === 'number') counts.set(projectKeys[i]!, row.escalations);
    });
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
