import { evaluateJiraExpression, UnsupportedExpressionError } from './jira-expression';

const issue = (props: Record<string, unknown>) => ({ key: 'DEMO-1', properties: props });

describe('evaluateJiraExpression (the subset the app uses)', () => {
  const condition = "issue.properties['escalation'] != null && issue.properties['escalation'].canEscalate == 'yes'";

  it('evaluates the workflow conditions of the manifest', () => {
    expect(evaluateJiraExpression(condition, { issue: issue({ escalation: { canEscalate: 'yes' } }) })).toBe(true);
    expect(evaluateJiraExpression(condition, { issue: issue({ escalation: { canEscalate: 'no' } }) })).toBe(false);
    // Short-circuit: no property → false, without touching the missing member.
    expect(evaluateJiraExpression(condition, { issue: issue({}) })).toBe(false);
    expect(evaluateJiraExpression("issue.properties['escalation'] == null", { issue: issue({}) })).toBe(true);
  });

  it('evaluates the field formatter', () => {
    expect(evaluateJiraExpression("value.level + ' · ' + value.name", { value: { level: 2, name: 'Mittleres Management' } })).toBe(
      '2 · Mittleres Management',
    );
  });

  it('handles precedence, negation and comparisons', () => {
    expect(evaluateJiraExpression('1 + 2 >= 3 && !(2 < 1) || false', {})).toBe(true);
    expect(evaluateJiraExpression("'a' == 'b' || 3 > 2", {})).toBe(true);
  });

  it('fails loudly outside the subset', () => {
    for (const source of [
      'issue.comments.length',
      'issue.properties.get("x")',
      'unknownVar == 1',
      'issue.key ~ "x"',
      'value.level + ',
      "1 < 'a'",
      'null.x',
    ]) {
      expect(() => evaluateJiraExpression(source, { issue: issue({}), value: { level: 1 } })).toThrow(UnsupportedExpressionError);
    }
  });
});
