import { randomUUID } from 'node:crypto';
import api from '@forge/api';
import type { EscalationDeps } from '../usecases/escalation-deps';
import { retryPolicyWithin } from './http/product-request';
import { JiraClient } from './jira/jira-client';
import { logger } from './logger';
import { EscalationSweepJira } from './jira/escalation-sweep-jira';
import { JiraIssueService } from './jira/jira-issue-service';
import { kvsContactNotices } from './storage/contact-notice-store';
import { kvsNotificationClaims } from './storage/notification-claim-store';
import { kvsEscalationEventStore } from './storage/escalation-event-store';
import { kvsProcessTemplateStore } from './storage/process-template-store';
import { kvsProjectConfigurationStore } from './storage/project-configuration-store';
import { kvsEscalationSummaryStore } from './storage/escalation-summary-store';
import { kvsEscalationDueIndex } from './storage/escalation-due-index-store';
import { kvsPortalDirectory } from './storage/portal-directory-store';

/**
 * The composition root: real Forge APIs for one invocation. `asUser()` acts as the invoking user.
 * `budgetMs`: the time budget of the invoking module kind (src/entry/invocation-budgets.ts); no retry wait
 * of this invocation's requests runs past it.
 */
export function createEscalationDeps(budgetMs: number): EscalationDeps {
  const retry = retryPolicyWithin(budgetMs);
  const asApp = new JiraClient(api.asApp(), retry);
  return {
    issues: new JiraIssueService(asApp, new JiraClient(api.asUser(), retry)),
    // Notifications go out as the app, as the sweep's do (the contacts need not be visible to the user).
    notifications: {
      jira: new EscalationSweepJira(asApp),
      claims: kvsNotificationClaims,
      portals: kvsPortalDirectory,
      contactNotices: kvsContactNotices,
      invocationId: randomUUID(),
    },
    events: kvsEscalationEventStore,
    configurations: kvsProjectConfigurationStore,
    templates: kvsProcessTemplateStore,
    now: () => new Date(),
    logger,
    summaries: kvsEscalationSummaryStore,
    dueIndex: kvsEscalationDueIndex,
  };
}
