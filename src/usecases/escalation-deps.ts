import type { NotificationDeps } from './deliver-escalation-notification';
import type { EscalationDueIndex } from './ports/escalation-due-index';
import type { EscalationEventStore } from './ports/escalation-event-store';
import type { EscalationSummaryStore } from './ports/escalation-summary-store';
import type { IssueGateway } from './ports/issue-gateway';
import type { Logger } from './ports/logger';
import type { ProcessTemplateStore } from './ports/process-template-store';
import type { ProjectConfigurationStore } from './ports/project-configuration-store';

/** What the escalation use cases depend on; passed in, so tests and the sandbox choose the implementations. */
export interface EscalationDeps {
  readonly issues: IssueGateway;
  readonly events: EscalationEventStore;
  readonly configurations: ProjectConfigurationStore;
  readonly templates: ProcessTemplateStore;
  /** Sending what a recorded change owes (a move up tells the new level's contacts), as the app. */
  readonly notifications: Pick<NotificationDeps, 'jira' | 'claims' | 'portals' | 'invocationId' | 'contactNotices'>;
  readonly now: () => Date;
  /** Where what went wrong without failing the request is reported. */
  readonly logger: Logger;
  /** The analytics read model, kept in step after every append (optional: tests may leave it out). */
  readonly summaries?: EscalationSummaryStore;
  /** The sweep's due index, moved on with every projection (optional: tests may leave it out). */
  readonly dueIndex?: EscalationDueIndex;
}

/** Who asks: always from the Forge context, never from a payload. */
export interface Requester {
  readonly accountId: string;
  readonly issueKey: string;
  /**
   * Where the request comes from, from the module that was invoked: the Jira Service Management portal
   * (a customer, possibly without a Jira licence) or, when absent, Jira itself.
   */
  readonly channel?: 'portal';
  /** On the portal: the customer portal's id from the module's context (`extension.portal.id`). */
  readonly portalId?: number;
  /**
   * The issue's id and project key as the module's context names them (`extension.issue.id`,
   * `extension.project.key`): the log and the configuration are read in the same round as the access
   * check. Only a hint: what the issue itself says wins (an issue moved since the frame opened).
   */
  readonly issueId?: string;
  readonly projectKey?: string;
}
