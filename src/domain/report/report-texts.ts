import { z } from 'zod';

/**
 * The report's free-text parts, written by the contractor: an executive summary, the contractor's lessons
 * learned, and the answer to the client's request for changes. Everything else in the report is derived
 * from the record and cannot be edited: the facts come from the log and the issue history.
 */
export const REPORT_TEXT_IDS = ['summary', 'lessons', 'response'] as const;
export type ReportTextId = (typeof REPORT_TEXT_IDS)[number];

/** Bounds one text: the three together stay far below an event's and a bridge payload's limits. */
export const MAX_REPORT_TEXT = 10_000;

const reportText = z.string().trim().max(MAX_REPORT_TEXT).optional();
export const reportTextsSchema = z.object({ summary: reportText, lessons: reportText, response: reportText });
export type ReportTexts = { readonly [K in ReportTextId]?: string };

/** The texts without empty ones (a cleared text is no text), trimmed. */
export function cleanReportTexts(texts: ReportTexts | undefined): ReportTexts {
  const out: Partial<Record<ReportTextId, string>> = {};
  for (const id of REPORT_TEXT_IDS) {
    const text = texts?.[id]?.trim();
    if (text) out[id] = text;
  }
  return out;
}

/**
 * Which free-text parts differ between two versions (a text added, changed or removed).
 *
 * @example
 * editedReportTexts({ summary: 'a' }, { summary: 'b', response: 'c' }) // ['summary', 'response']
 */
export function editedReportTexts(before: ReportTexts, after: ReportTexts): ReportTextId[] {
  return REPORT_TEXT_IDS.filter((id) => (before[id] ?? '') !== (after[id] ?? ''));
}
