import api from '@forge/api';
import type { EscalationDeps } from '../usecases/escalation-deps';
import { retryPolicyWithin } from './http/product-request';
import { JiraClient } from './jira/jira-client';
import { logger } from './logger';
import { JiraIssueService } from './jira/jira-issue-service';
import { kvsEscalationEventStore } from './storage/escalation-event-store';
import { kvsProcessTemplateStore } from './storage/process-template-store';
import { kvsProjectConfigurationStore } from './storage/project-configuration-store';
import { kvsEscalationSummaryStore } from './storage/escalation-summary-store';
import { kvsEscalationDueIndex } from './storage/escalation-due-index-store';

/**
 * The composition root: real Forge APIs for one invocation. `asUser()` acts as the invoking user.
 * `budgetMs`: the time budget of the invoking module kind (src/entry/invocation-budgets.ts); no retry wait
 * of this invocation's requests runs past it.
 */
export function createEscalationDeps(budgetMs: number): EscalationDeps {
  const retry = retryPolicyWithin(budgetMs);
  return {
    issues: new JiraIssueService(new JiraClient(api.asApp(), retry), new JiraClient(api.asUser(), retry)),
    events: kvsEscalationEventStore,
    configurations: kvsProjectConfigurationStore,
    templates: kvsProcessTemplateStore,
    now: () => new Date(),
    logger,
    summaries: kvsEscalationSummaryStore,
    dueIndex: kvsEscalationDueIndex,
  };
}
