import type { Actor } from '../escalation/escalation-event';
import { reportFormat, type ReportFormat } from './report-format';
import type { ReportInput } from './report-input';
import { reportLabels, word, type ReportLabels } from './report-labels';

/** What every section builder needs: the input, the labels, formatting and names. */
export interface ReportContext {
  readonly input: ReportInput;
  readonly labels: ReportLabels;
  readonly format: ReportFormat;
  readonly word: (key: string) => string;
  /** A person by account id, e.g. `Sam Service`. */
  readonly person: (accountId: string | undefined) => string;
  /** Who acted, with party: `Sam Service (Contractor)`. */
  readonly actor: (actor: Actor) => string;
  /** `Sam Service (Contractor), 02 Mar 2026, 09:00`. */
  readonly byAt: (record: { readonly actor: Actor; readonly at: string } | undefined) => string;
}

export function reportContext(input: ReportInput): ReportContext {
  const labels = reportLabels(input.words);
  const format = reportFormat(input.locale, input.policy.calendar.timeZone);
  const w = (key: string) => word(key, input.words);
  const person = (accountId: string | undefined) => (accountId ? (input.people[accountId] ?? accountId) : '—');
  const actor = (a: Actor) => {
    if (a.party === 'system') return labels.system;
    const who = `${person(a.accountId)} (${w(a.party)})`;
    return a.onBehalf ? labels.onBehalf(who, a.onBehalf.reason) : who;
  };
  return {
    input,
    labels,
    format,
    word: w,
    person,
    actor,
    byAt: (r) => (r ? `${actor(r.actor)}, ${format.at(r.at)}` : '—'),
  };
}
