import api from '@forge/api';
import type { ReportDeps } from '../usecases/report-workspace';
import { createEscalationDeps } from './app-deps';
import { ConfluenceClient } from './confluence/confluence-client';
import { ConfluenceReportPublisher } from './confluence/confluence-report-publisher';
import { sha256Hex, sha256HexOfParts } from './crypto/sha256';
import { retryPolicyWithin } from './http/product-request';
import { JiraClient } from './jira/jira-client';
import { JiraReportService } from './jira/jira-report-service';
import { kvsReportArchive } from './storage/report-archive-store';
import { kvsAccountPrivacyRegister } from './storage/account-privacy-register-store';
import { kvsReportJobStore } from './storage/report-job-store';
import { forgeReportJobQueue } from './queue/report-job-queue';

/**
 * The report's composition root for one invocation. History, remote link and Confluence page are read and
 * written as the app (the user's access to the issue is checked first, as the user, by the workspace).
 * `budgetMs` is the time budget of the invoking module kind.
 */
export function createReportDeps(budgetMs: number): ReportDeps {
  const retry = retryPolicyWithin(budgetMs);
  return {
    ...createEscalationDeps(budgetMs),
    reportJira: new JiraReportService(new JiraClient(api.asApp(), retry)),
    archive: kvsReportArchive(sha256Hex),
    publisher: new ConfluenceReportPublisher(new ConfluenceClient(api.asApp(), retry)),
    sha256: sha256Hex,
    sha256OfParts: sha256HexOfParts,
    accountPrivacy: kvsAccountPrivacyRegister,
    reportJobs: kvsReportJobStore,
    reportQueue: forgeReportJobQueue,
  };
}
