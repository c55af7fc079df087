import { cleanText, escapeMarkup as esc } from '../markup/escape-markup';
import type { RevisionAnalytics } from '../analytics/revision-analytics';
import { personToken, replacePersonTokens } from '../privacy/person-token';
import type { ProcessReview } from './process-review';

/** Paragraphs from plain text: blank lines separate paragraphs, single line breaks stay. */
const paragraphs = (text: string) => {
  const clean = cleanText(text).trim();
  return clean
    ? clean
        .split(/\n\s*\n/)
        .map((p) => `<p>${esc(p).replace(/\n/g, '<br/>')}</p>`)
        .join('')
    : '<p>–</p>';
};
const table = (header: string[], rows: (string | number)[][]) =>
  `<table><tbody><tr>${header.map((h) => `<th>${esc(h)}</th>`).join('')}</tr>${rows
    .map((r) => `<tr>${r.map((c) => `<td>${esc(String(c))}</td>`).join('')}</tr>`)
    .join('')}</tbody></table>`;
const hours = (ms: number | null) => (ms === null ? '–' : (ms / 3_600_000).toFixed(1));

const LABELS = {
  de: {
    title: (id: string, project: string) => `Revision des Eskalationsprozesses ${id} – ${project}`,
    period: 'Zeitraum',
    figures: 'Kennzahlen',
    escalations: 'Eskalationen',
    level: 'Höchste Stufe',
    count: 'Anzahl',
    notify: 'Benachrichtigung des Auftraggebers (Stunden ab Erkennung)',
    mean: 'Mittel',
    median: 'Median',
    notNotified: 'nicht benachrichtigt',
    deadlines: 'Fristen je Partei',
    party: 'Partei',
    met: 'eingehalten',
    missed: 'versäumt',
    parties: { contractor: 'Auftragnehmer', client: 'Auftraggeber', both: 'beide' },
    causes: 'Wiederkehrende Ursachen',
    findings: 'Feststellungen',
    contractorFeedback: 'Rückmeldung des Auftragnehmers',
    clientFeedback: 'Rückmeldung des Auftraggebers',
    agreedChanges: 'Vereinbarte Änderungen',
    training: 'Schulung und Kommunikation',
    approvals: 'Freigaben',
    approvedBy: (party: string, who: string, at: string) => `${party}: ${who}, ${at}`,
    notApproved: 'Noch nicht von beiden Parteien freigegeben.',
  },
  en: {
    title: (id: string, project: string) => `Escalation process review ${id} – ${project}`,
    period: 'Period',
    figures: 'Figures',
    escalations: 'Escalations',
    level: 'Highest level',
    count: 'Count',
    notify: 'Client notification (hours from detection)',
    mean: 'Mean',
    median: 'Median',
    notNotified: 'not notified',
    deadlines: 'Deadlines per party',
    party: 'Party',
    met: 'met',
    missed: 'missed',
    parties: { contractor: 'Contractor', client: 'Client', both: 'Both' },
    causes: 'Recurring root causes',
    findings: 'Findings',
    contractorFeedback: "Contractor's feedback",
    clientFeedback: "Client's feedback",
    agreedChanges: 'Agreed changes',
    training: 'Training and communication',
    approvals: 'Approvals',
    approvedBy: (party: string, who: string, at: string) => `${party}: ${who}, ${at}`,
    notApproved: 'Not yet approved by both parties.',
  },
} as const;

/**
 * The page title of a project's review record in the reader's language. It names the project: Confluence
 * refuses a second page of the same title in a space, and several contracts may report into one space.
 */
export function reviewPageTitle(review: ProcessReview, locale: 'de' | 'en', projectKey: string): string {
  return LABELS[locale].title(review.id, projectKey);
}

/** An approver as a Confluence user link: the page shows the account's current name, or a former user once it is closed. */
const userLinks = (escaped: string) => replacePersonTokens(escaped, (id) => `<ac:link><ri:user ri:account-id="${id}" /></ac:link>`);

/**
 * The review record as Confluence storage format (plain XHTML: headings, paragraphs, tables, no macros),
 * so the page exports to Word and PDF as it is. Every user text is escaped. Approvers are linked by account
 * id, never written as names, so a closed account's name is not kept on the page.
 */
export function reviewPageStorage(input: {
  review: ProcessReview;
  analytics: RevisionAnalytics;
  locale: 'de' | 'en';
  approved: boolean;
}): string {
  const { review, analytics: a, locale } = input;
  const l = LABELS[locale];
  const c = review.content;
  const n = a.clientNotification;
  return [
    `<p><strong>${esc(l.period)}:</strong> ${esc(c.period.from)} – ${esc(c.period.to)}</p>`,
    `<h2>${esc(l.figures)}</h2>`,
    `<p>${esc(l.escalations)}: ${a.total}</p>`,
    table(
      [l.level, l.count],
      a.byLevelReached.map((r) => [r.level, r.count]),
    ),
    `<h3>${esc(l.notify)}</h3>`,
    table([l.mean, l.median, l.notNotified], [[hours(n.meanMs), hours(n.medianMs), n.notNotified]]),
    `<h3>${esc(l.deadlines)}</h3>`,
    table(
      [l.party, l.met, l.missed],
      a.deadlines.map((d) => [l.parties[d.party], d.met, d.missed]),
    ),
    `<h3>${esc(l.causes)}</h3>`,
    table(
      [l.causes, l.count],
      a.rootCauses.filter((r) => r.count > 1).map((r) => [r.text, r.count]),
    ),
    `<h2>${esc(l.findings)}</h2>`,
    paragraphs(c.findings),
    `<h2>${esc(l.contractorFeedback)}</h2>`,
    paragraphs(c.contractorFeedback),
    `<h2>${esc(l.clientFeedback)}</h2>`,
    paragraphs(c.clientFeedback),
    `<h2>${esc(l.agreedChanges)}</h2>`,
    paragraphs(c.agreedChanges),
    `<h2>${esc(l.training)}</h2>`,
    paragraphs(c.training),
    `<h2>${esc(l.approvals)}</h2>`,
    input.approved
      ? `<ul>${review.approvals
          .filter((x) => x.revision === review.revision)
          .map((x) => `<li>${userLinks(esc(l.approvedBy(l.parties[x.party], personToken(x.accountId), x.at.slice(0, 10))))}</li>`)
          .join('')}</ul>`
      : `<p>${esc(l.notApproved)}</p>`,
  ].join('');
}
