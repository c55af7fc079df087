/**
 * The id of a project's own template versions. Each Jira project is one contract with its own annex; its
 * versions carry the project key in their id, so a frozen {@link TemplateRef} names one contract's version
 * and never collides with another project's (Jira keeps project keys unique, renamed projects keep their
 * old key reserved). The built-in annex keeps its own id (`eskalationsprozess-default`).
 *
 * @example
 * projectTemplateId('DEMO') // 'escalation-process:DEMO'
 */
export function projectTemplateId(projectKey: string): string {
  return `escalation-process:${projectKey}`;
}
