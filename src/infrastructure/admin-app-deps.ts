import api from '@forge/api';
import type { AdminDeps } from '../usecases/admin-deps';
import { ConfluenceClient } from './confluence/confluence-client';
import { ConfluenceReviewPublisher } from './confluence/review-page-publisher';
import { JiraAdminService } from './jira/jira-admin-service';
import { retryPolicyWithin } from './http/product-request';
import { JiraClient } from './jira/jira-client';
import { forgeSweepQueue } from './queue/escalation-sweep-queue';
import { kvsAccountPrivacyRegister } from './storage/account-privacy-register-store';
import { kvsAuditLogStore } from './storage/audit-log-store';
import { kvsEscalationSummaryStore } from './storage/escalation-summary-store';
import { kvsProcessReviewStore } from './storage/process-review-store';
import { kvsProcessTemplateStore, kvsTemplateVersioning } from './storage/process-template-store';
import { kvsProjectConfigurationDirectory } from './storage/project-configuration-directory';
import { kvsProjectConfigurationStore } from './storage/project-configuration-store';

/**
 * The composition root of the administration and analytics pages, per invocation (asUser = the invoking user);
 * `budgetMs` is the time budget of the invoking module kind.
 */
export function createAdminDeps(budgetMs: number): AdminDeps {
  const retry = retryPolicyWithin(budgetMs);
  return {
    jira: new JiraAdminService(new JiraClient(api.asApp(), retry), new JiraClient(api.asUser(), retry)),
    configurations: kvsProjectConfigurationStore,
    directory: kvsProjectConfigurationDirectory,
    templates: kvsProcessTemplateStore,
    versioning: kvsTemplateVersioning,
    audit: kvsAuditLogStore,
    summaries: kvsEscalationSummaryStore,
    accountPrivacy: kvsAccountPrivacyRegister,
    sweepQueue: forgeSweepQueue(),
    reviews: kvsProcessReviewStore,
    // The review page is written as the user, so Confluence's own permissions decide where it may go.
    publisher: new ConfluenceReviewPublisher(new ConfluenceClient(api.asUser(), retry)),
    now: () => new Date(),
  };
}
