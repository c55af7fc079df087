import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fulfilmentRuleOf } from '../../src/domain/escalation/obligation-fulfilment';
import { DEFAULT_PROCESS_TEMPLATE } from '../../src/domain/process/default-template';
import { obligationTable } from '../../src/domain/process/obligation-table';

const DOC = path.join(__dirname, '..', '..', 'docs', 'obligations.md');
const HEADER = `# The 120 obligations of the annex: how each is fulfilled, and its clock

Generated from the built-in process template (\`src/domain/process/default-template/\`, rules in
\`fulfilment.ts\`) by \`UPDATE_DOCS=1 npx jest --selectProjects contract --testPathPatterns obligation-table\`; the
test fails when this page and the template disagree. Records are the app's entries (client notified, plan
submitted, decision, …); "by the client" etc. names whose record counts when it is not the obligation's own party.
A clock marked "critical problems only" runs only when the escalation was started as critical. Time frames:
\`immediate\` is "umgehend/unverzüglich" (one business hour by default), \`criticalNotification\` two hours round the
clock, \`clientResponse\` "zeitnah", \`escalationNotice\` "innerhalb eines festgelegten Zeitraums"; each project sets
its own durations.

`;

describe('docs/obligations.md', () => {
  it('lists every obligation of the annex with how it is fulfilled and its clock, as the template says', () => {
    const expected = HEADER + obligationTable(DEFAULT_PROCESS_TEMPLATE, fulfilmentRuleOf);
    if (process.env.UPDATE_DOCS) writeFileSync(DOC, expected);
    expect(readFileSync(DOC, 'utf8')).toBe(expected);
    expect(expected.match(/^\| (L[1-4]|DOC|REV)-[CK]-\d\d /gm)).toHaveLength(120);
  });

  it('never lets an approval or a decision be ticked', () => {
    const ticked = DEFAULT_PROCESS_TEMPLATE.obligations.filter((o) => {
      const rule = fulfilmentRuleOf(o);
      const decidedByRecord = rule.records.some((r) => /decided|approved/.test(r.record));
      return decidedByRecord && rule.manual;
    });
    expect(ticked.map((o) => o.id)).toEqual([]);
  });
});
