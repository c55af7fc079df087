import type { FulfilmentRule, Obligation, ProcessTemplate } from './process-template';

/** How an obligation is fulfilled, in the words of the table. */
export function fulfilmentSummary(rule: FulfilmentRule): string {
  const parts: string[] = [];
  if (rule.automatic) parts.push('automatic (the app)');
  if (rule.processRecord) parts.push(`record: ${rule.processRecord} (process pages)`);
  if (rule.records.length > 0) {
    const records = rule.records.map((r) =>
      r.party ? `${r.record} (${r.party === 'any' ? 'either party' : `by the ${r.party}`})` : r.record,
    );
    parts.push(`record: ${records.join(' or ')}`);
  }
  if (rule.manual) parts.push(rule.records.length > 0 || rule.automatic ? 'or manual tick' : 'manual tick');
  if (rule.notApplicable) parts.push('not applicable allowed');
  return parts.join('; ');
}

function clock(o: Obligation): string {
  const d = o.deadline;
  if (!d) return '';
  const calendar = d.calendar ? `, ${d.calendar}` : '';
  const critical = d.onlyIfCritical ? ', critical problems only' : '';
  return `${d.timeFrame} from ${d.from}${d.recurring ? ', recurring' : ''}${calendar}${critical} („${d.quote}“)`;
}

const cell = (text: string) => text.replace(/\|/g, '\\|');

/**
 * Every obligation of a template as a Markdown table: id, party, the text, how it is fulfilled and its clock,
 * with counts first. `rule` resolves an obligation's fulfilment rule (stored versions may carry none).
 */
export function obligationTable(template: ProcessTemplate, rule: (o: Obligation) => FulfilmentRule): string {
  const live = template.obligations.filter((o) => !o.retired);
  const rules = live.map(rule);
  const count = (test: (r: FulfilmentRule) => boolean) => rules.filter(test).length;
  const lines = [
    `| Count | Obligations |`,
    `|---|---|`,
    `| All | ${live.length} |`,
    `| Fulfilled by a record of the app | ${count((r) => r.records.length > 0 || r.processRecord !== undefined)} |`,
    `| … of them by the record only (never a tick) | ${count((r) => (r.records.length > 0 || r.processRecord !== undefined) && !r.manual)} |`,
    `| Automatic (the app performs the duty) | ${count((r) => r.automatic === true)} |`,
    `| Manual only (done outside the app, ticked with a note) | ${count((r) => r.manual && r.records.length === 0 && !r.automatic)} |`,
    `| May be marked not applicable ("bei Bedarf") | ${count((r) => r.notApplicable === true)} |`,
    `| With a clock | ${live.filter((o) => o.deadline).length} |`,
    '',
    '| Id | Party | Obligation | Mandatory to leave the stage | Fulfilled by | Clock |',
    '|---|---|---|---|---|---|',
    ...live.map(
      (o, i) =>
        `| ${o.id} | ${o.party} | ${cell(o.text.en)} | ${o.mandatoryToLeaveStage ? 'yes' : ''}${o.opensAtLevel ? ` (opens at level ${o.opensAtLevel})` : ''} | ${cell(fulfilmentSummary(rules[i]!))} | ${cell(clock(o))} |`,
    ),
  ];
  return `${lines.join('\n')}\n`;
}
