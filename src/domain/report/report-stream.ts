import type { EscalationState } from '../escalation/escalation-state';
import {
  storageBlock,
  storageSectionTitle,
  storageSubtitle,
  storageTableRow,
  storageTableStart,
  STORAGE_TABLE_END,
} from './render-storage';
import { reportHead } from './build-escalation-report';
import { reportContext, type ReportContext } from './report-context';
import { describeEvent } from './report-event-text';
import { obligationRecords, reportFigures } from './report-figures';
import type { HistoryEntry, IssueComment, ReportInput } from './report-input';
import { introductionSection } from './report-introduction';
import type { EscalationReport, ReportBlock, ReportPiece, ReportSection } from './report-model';
import {
  actionPlansSection,
  approvalsSection,
  arbitrationSection,
  discussionSectionOf,
  EXCERPT,
  figuresSection,
  lessonsSection,
  MAX_DISCUSSION,
  obligationsSection,
  problemSection,
  revisionSection,
  rootCauseSection,
  stayIndexAt,
  summarySection,
  timelineSection,
} from './report-sections';

const toMs = (iso: string) => Date.parse(iso);

/** A status change of the issue's changelog, as the timeline shows it. */
interface StatusRow {
  readonly at: string;
  readonly authorId?: string;
  readonly from: string | null | undefined;
  readonly to: string | null | undefined;
}

/**
 * What the report needs of the issue's changelog and comments, taken page by page: counts per level stay, the
 * status changes (the timeline's rows), the latest comments the discussion shows and who wrote. A page can be
 * dropped once it is added.
 */
export class ReportHistoryDigest {
  private readonly starts: number[];
  readonly changesPerStay: number[];
  readonly commentsPerStay: number[];
  /** Status changes with the stay they belong to, in changelog order. */
  readonly statusRows: { readonly stay: number; readonly row: StatusRow }[] = [];
  /** The latest {@link MAX_DISCUSSION} comments, oldest first, each cut after what the discussion shows of it. */
  private latest: IssueComment[] = [];
  jiraChanges = 0;
  comments = 0;
  /** Authors of changelog entries and comments, in the order first seen. */
  readonly authors = new Set<string>();

  constructor(state: Pick<EscalationState, 'levelHistory'>) {
    this.starts = state.levelHistory.map((s) => toMs(s.enteredAt));
    this.changesPerStay = this.starts.map(() => 0);
    this.commentsPerStay = this.starts.map(() => 0);
  }

  addChangelog(entries: readonly HistoryEntry[]): void {
    for (const entry of entries) {
      if (entry.authorId) this.authors.add(entry.authorId);
      const stay = stayIndexAt(this.starts, toMs(entry.at));
      this.changesPerStay[stay]! += entry.items.length;
      this.jiraChanges += entry.items.length;
      for (const item of entry.items)
        if (item.field === 'status')
          this.statusRows.push({
            stay,
            row: { at: entry.at, ...(entry.authorId ? { authorId: entry.authorId } : {}), from: item.from, to: item.to },
          });
    }
  }

  addComments(comments: readonly IssueComment[]): void {
    for (const comment of comments) {
      if (comment.authorId) this.authors.add(comment.authorId);
      this.commentsPerStay[stayIndexAt(this.starts, toMs(comment.at))]! += 1;
      this.comments += 1;
      // One character past the excerpt keeps "longer than the excerpt" as it was.
      this.latest.push(comment.text.length > EXCERPT + 1 ? { ...comment, text: comment.text.slice(0, EXCERPT + 1) } : comment);
    }
    if (this.latest.length > 2 * MAX_DISCUSSION) this.latest = this.latest.slice(-MAX_DISCUSSION);
  }

  /** The comments the discussion shows: the latest {@link MAX_DISCUSSION}, oldest first. */
  get shownComments(): readonly IssueComment[] {
    return this.latest.slice(-MAX_DISCUSSION);
  }
}

/** What a streamed report is generated from: the report's input without the history, which the digest stands for. */
export type StreamedReportInput = Omit<ReportInput, 'changelog' | 'comments'> & { readonly history: ReportHistoryDigest };

/** A report as a stream: its head (everything but the sections) and its sections' pieces, as often as asked for. */
export interface StreamedReport {
  readonly head: Omit<EscalationReport, 'sections'>;
  pieces(): Generator<ReportPiece>;
}

function* sectionPieces(section: ReportSection): Generator<ReportPiece> {
  yield { kind: 'section', id: section.id, title: section.title };
  for (const block of section.blocks) yield { kind: 'block', block };
}

/**
 * The timeline as {@link timelineSection} builds it, each level stay's table row by row: only the order of the
 * rows (instant and where each comes from) is held, every row's text is made when it is streamed.
 */
function* timelinePieces(c: ReportContext, history: ReportHistoryDigest, order: readonly (readonly number[])[]): Generator<ReportPiece> {
  const { input, labels: L, format } = c;
  const { state, template, log } = input;
  // The meetings' table and the stays' headings and notes come from the one-shot section, without its rows.
  const shell = timelineSection({ ...c, input: { ...input, log: [], changelog: [], comments: [] } });
  yield { kind: 'section', id: shell.id, title: shell.title };
  const stays = state.levelHistory;
  let block = 0;
  for (let i = 0; i < stays.length; i++) {
    yield { kind: 'block', block: shell.blocks[block++]! }; // the stay's heading
    const none = shell.blocks[block++]!; // without log and changelog, every stay says "none"
    if (order[i]!.length === 0) yield { kind: 'block', block: none };
    else {
      yield { kind: 'table-start', columns: [L.when, L.who, L.what] };
      for (const ref of order[i]!) {
        if (ref >= 0) {
          const event = log[ref]!;
          yield {
            kind: 'table-row',
            row: [format.at(event.at), c.actor(event.actor), describeEvent(event, template, input.locale, input.words, format.at)],
          };
        } else {
          const { row } = history.statusRows[-ref - 1]!;
          yield { kind: 'table-row', row: [format.at(row.at), c.person(row.authorId), L.statusChange(row.from ?? '—', row.to ?? '—')] };
        }
      }
      yield { kind: 'table-end' };
    }
    block++; // the shell's note counts nothing: the digest's counts instead
    yield { kind: 'block', block: { kind: 'note', text: L.jiraActivity(history.changesPerStay[i]!, history.commentsPerStay[i]!) } };
  }
  for (; block < shell.blocks.length; block++) yield { kind: 'block', block: shell.blocks[block]! };
}

/**
 * Each stay's timeline rows in the order {@link timelineSection} sorts them: by instant, log events before
 * status changes of the same instant, each in its own order (a stable sort over log rows, then changelog
 * rows). A row is its log index, or `-(k + 1)` for the digest's k-th status change.
 */
function timelineOrder(input: StreamedReportInput): number[][] {
  const stays = input.state.levelHistory;
  const refs: { at: number; ref: number }[][] = stays.map(() => []);
  let stay = 0;
  input.log.forEach((event, i) => {
    if (event.type === 'level-changed') stay = Math.min(stay + 1, stays.length - 1);
    refs[stay]!.push({ at: toMs(event.at), ref: i });
  });
  input.history.statusRows.forEach(({ stay: s, row }, k) => refs[s]!.push({ at: toMs(row.at), ref: -(k + 1) }));
  return refs.map((rows) => rows.sort((a, b) => a.at - b.at).map((r) => r.ref));
}

/**
 * The report {@link buildEscalationReport} builds, as a stream: the same head and, piece by piece, the same
 * sections, while the history is held only as its digest. Pure, like the one-shot builder; the paged output,
 * the storage text and the JSON made from the stream equal those made from the one-shot report
 * (`report-stream.test.ts` compares them).
 */
export function streamEscalationReport(input: StreamedReportInput): StreamedReport {
  const { history, ...rest } = input;
  const plain: ReportInput = { ...rest, changelog: [], comments: [] };
  const c = reportContext(plain);
  const obligations = obligationRecords(plain);
  const figures = { ...reportFigures(plain, obligations), jiraChanges: history.jiraChanges, comments: history.comments };
  const head = reportHead(input, c, obligations, figures);
  let order: number[][] | undefined;
  return {
    head,
    *pieces() {
      order ??= timelineOrder(input);
      yield* sectionPieces(introductionSection(c));
      for (const s of [summarySection(c), revisionSection(c)]) if (s) yield* sectionPieces(s);
      yield* sectionPieces(problemSection(c));
      yield* timelinePieces(c, history, order);
      yield* sectionPieces(obligationsSection(c, obligations));
      yield* sectionPieces(actionPlansSection(c));
      yield* sectionPieces(rootCauseSection(c));
      yield* sectionPieces(arbitrationSection(c));
      yield* sectionPieces(lessonsSection(c));
      yield* sectionPieces(figuresSection(c, figures));
      yield* sectionPieces(approvalsSection(c));
      yield* sectionPieces(discussionSectionOf(c, history.shownComments, history.comments));
    },
  };
}

/**
 * The storage output of a streamed report in parts: joined, exactly {@link renderStorage} of the whole report
 * (each part whole characters, so it can be hashed part by part).
 */
export function* storagePieces(report: StreamedReport): Generator<string> {
  yield storageSubtitle(report.head.subtitle);
  for (const piece of report.pieces()) {
    switch (piece.kind) {
      case 'section':
        yield `\n${storageSectionTitle(piece.title)}`;
        break;
      case 'block':
        yield `\n${storageBlock(piece.block)}`;
        break;
      case 'table-start':
        yield `\n${storageTableStart(piece.columns)}`;
        break;
      case 'table-row':
        yield storageTableRow(piece.row);
        break;
      case 'table-end':
        yield STORAGE_TABLE_END;
    }
  }
}

/** `{…}` of `value` without its closing `…[]}`: JSON of an object whose last key is an empty array, left open. */
const openJson = (value: object) => JSON.stringify(value).slice(0, -2);

/** The JSON of a streamed report in parts: joined, exactly `JSON.stringify` of the whole report. */
export function* reportJsonPieces(report: StreamedReport): Generator<string> {
  yield openJson({ ...report.head, sections: [] });
  let sections = 0;
  let items = 0;
  for (const piece of report.pieces()) {
    switch (piece.kind) {
      case 'section':
        yield `${sections++ > 0 ? ']},' : ''}${openJson({ id: piece.id, title: piece.title, blocks: [] })}`;
        items = 0;
        break;
      case 'block':
        yield `${items++ > 0 ? ',' : ''}${JSON.stringify(piece.block)}`;
        break;
      case 'table-start':
        yield `${items++ > 0 ? ',' : ''}${openJson({ kind: 'table', columns: piece.columns, rows: [] } satisfies ReportBlock)}`;
        items = 0;
        break;
      case 'table-row':
        yield `${items++ > 0 ? ',' : ''}${JSON.stringify(piece.row)}`;
        break;
      case 'table-end':
        yield ']}';
        items = 1; // the table is a block of its section
    }
  }
  yield sections > 0 ? ']}]}' : ']}';
}
