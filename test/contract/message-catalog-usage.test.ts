import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { en } from '../../src/shared/i18n/en';

/**
 * The message catalog (src/shared/i18n) has no unused key: each is named in the source of src/ or static/,
 * or built from one of the prefixes below. Reading the sources needs the file system, which the contract
 * in src/shared does not import; so this check lives here.
 */
const ROOT = join(__dirname, '..', '..');
const CATALOG_FILES = new Set(['src/shared/i18n/en.ts', 'src/shared/i18n/de.ts']);

/**
 * Keys built at run time from a value of the contract (`t(`party.${party}`)`), so their full text appears
 * nowhere in the source. Each prefix says why; the test checks that the prefix is still built somewhere.
 */
const COMPUTED_PREFIXES: Readonly<Record<string, string>> = {
  'party.': 'a Party (or both/system) from the view, with `.inline` in sentences',
  'status.': 'the escalation status',
  'kind.': 'an obligation kind',
  'event.': 'an escalation event type in the timeline',
  'evidence.': 'a record that fulfils an obligation (EvidenceKind)',
  'proposal.change.': 'the change a proposal asks for',
  'timeFrame.': 'a time frame key of a deadline',
  'error.': 'an error code of the resolver envelope',
  'adminError.': 'an error code of the admin resolvers, worded for the admin pages',
  'notificationPurpose.': 'the purpose of a sent notification in the timeline',
  'rejection.': 'a rejection code the server sent',
  'trigger.': 'a trigger id',
  'ruleConfig.action.': 'a workflow transition action',
  'audit.action.': 'an audit entry action, shown as recorded when unknown',
  'contacts.unreachable.': 'why a contact is no longer reachable (closed, deactivated)',
  'arbitration.status.': 'an arbitration body status',
  'arbitrationBodies.': 'an arbitration body decision',
  'channel.': 'a client notification channel',
  'contacts.level.': 'a level number',
  'deadlines.state.': 'a deadline state',
  'nextSteps.step.': 'a next step kind (NextStep)',
  'nextSteps.outcome.': 'what happens when the level time frame runs out',
  'clock.from.': 'a deadline anchor: what started the clock',
  'timeline.filter.': 'a timeline filter (all, people, system)',
  'plan.stage.': 'an action plan stage',
  'plan.status.': 'an action plan status',
  'records.decision.': 'a decision on a record',
  'reminder.': 'the yearly review reminder state',
  'report.locale.': 'a report language',
  'report.status.': 'a report version status',
  'report.part.': 'a free-text part of the report (ReportTextId: summary, lessons, response)',
  'report.summary.': 'a report summary field',
  'review.': 'a review content field',
  'tab.': 'an administration tab',
  'deadlines.pausedWaiting.': 'the party a paused clock waits for',
  'tabs.': 'a panel tab',
  'unit.': 'a duration unit',
  'viewer.unit.': 'a duration unit in the template viewer',
  'viewer.kind.': 'an obligation kind in the template viewer',
  'reportText.': "the report's words, handed to the domain as ReportWords (checked against REPORT_WORD_KEYS below)",
};

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (name === 'node_modules' || name === 'build') return [];
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) && !CATALOG_FILES.has(relative(ROOT, path)) ? [path] : [];
  });
}

describe('the message catalog', () => {
  it('has no unused key: each is named in the source of src/ or static/, or built from a listed prefix', () => {
    const source = [...sourceFiles(join(ROOT, 'src')), ...sourceFiles(join(ROOT, 'static'))].map((f) => readFileSync(f, 'utf8')).join('\n');
    for (const prefix of Object.keys(COMPUTED_PREFIXES)) {
      expect({ prefix, built: source.includes(`\`${prefix}\${`) }).toEqual({ prefix, built: true });
    }
    const prefixes = Object.keys(COMPUTED_PREFIXES);
    const unused = Object.keys(en).filter(
      (key) => !prefixes.some((p) => key.startsWith(p)) && !source.includes(`'${key}'`) && !source.includes(`\`${key}\``),
    );
    expect(unused).toEqual([]);
  });
});
