import type { RevisionAnalytics } from './revision-analytics';

/** What a CSV cell holds: text, a number or a flag; null and undefined are empty cells. */
export type CsvValue = string | number | boolean | null | undefined;

/**
 * Text a spreadsheet may read as a formula (OWASP "CSV Injection"): starting with `=`, `+`, `-`, `@`, a tab
 * or a carriage return — also after leading spaces, which spreadsheets skip. `-1+HYPERLINK(…)` is one.
 */
const FORMULA_START = /^[\s\u00a0\u3000]*[=+\-@\uff1d\uff0b\uff0d\uff20]|^[\t\r]/;

/**
 * A CSV cell: quoted when it holds a separator, quote or line break; text that could start a formula is
 * prefixed with `'`. Only numbers (the figures this app computes) are written as they are, so -1.5 stays a number.
 */
export function csvCell(value: CsvValue): string {
  let text = value === null || value === undefined ? '' : String(value);
  if (typeof value !== 'number' && FORMULA_START.test(text)) text = `'${text}`;
  return /[",\n\r;]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

const hours = (ms: number | null) => (ms === null ? '' : (ms / 3_600_000).toFixed(2));

/**
 * The figures of a period as one CSV file: one block per figure, each with its own header row, so the
 * file opens in any spreadsheet and each block can be charted on its own.
 */
export function analyticsCsv(a: RevisionAnalytics): string {
  const rows: CsvValue[][] = [];
  const block = (title: string, header: string[], lines: CsvValue[][]) => {
    if (rows.length) rows.push([]);
    rows.push([title]);
    rows.push(header);
    rows.push(...lines);
  };
  block(
    'period',
    ['from', 'to', 'generatedAt', 'escalations', 'open', 'resolved', 'closed'],
    [[a.period.from, a.period.to, a.generatedAt, a.total, a.byStatus.open, a.byStatus.resolved, a.byStatus.closed]],
  );
  block(
    'levelReached',
    ['level', 'escalations'],
    a.byLevelReached.map((r) => [r.level, r.count]),
  );
  block(
    'trigger',
    ['trigger', 'escalations'],
    a.byTrigger.map((r) => [r.trigger, r.count]),
  );
  block(
    'project',
    ['project', 'escalations'],
    a.byProject.map((r) => [r.projectKey, r.count]),
  );
  block(
    'month',
    ['month', 'escalations'],
    a.byMonth.map((r) => [r.month, r.count]),
  );
  const n = a.clientNotification;
  block(
    'clientNotification',
    ['notified', 'notNotified', 'late', 'meanHours', 'medianHours', 'maxHours'],
    [[n.count, n.notNotified, n.late, hours(n.meanMs), hours(n.medianMs), hours(n.maxMs)]],
  );
  block(
    'timeAtLevel',
    ['level', 'escalations', 'meanHours', 'medianHours', 'maxHours', 'totalHours', 'waitingForContractorHours', 'waitingForClientHours'],
    a.timeAtLevel.map((r) => [
      r.level,
      r.count,
      hours(r.meanMs),
      hours(r.medianMs),
      hours(r.maxMs),
      hours(r.totalMs),
      hours(r.waitingForContractorMs),
      hours(r.waitingForClientMs),
    ]),
  );
  block(
    'deadlines',
    ['party', 'met', 'missed'],
    a.deadlines.map((r) => [r.party, r.met, r.missed]),
  );
  block(
    'obligations',
    ['obligation', 'party', 'mandatory', 'late', 'leftOpen'],
    a.obligations.map((r) => [r.obligationId, r.party, r.mandatory, r.late, r.leftOpen]),
  );
  block(
    'rootCauses',
    ['rootCause', 'escalations', 'issues'],
    a.rootCauses.map((r) => [r.text, r.count, r.issueKeys.join(' ')]),
  );
  block(
    'openActionPlans',
    ['issue', 'planVersion', 'status'],
    a.openActionPlans.map((r) => [r.issueKey, r.version, r.status]),
  );
  block(
    'openPreventiveMeasures',
    ['issue', 'measure', 'owner', 'text'],
    a.openMeasures.map((r) => [r.issueKey, r.measureId, r.owner, r.text]),
  );
  return rows.map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
}
