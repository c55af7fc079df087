import api from '@forge/api';
import type { ReportDeps } from '../usecases/report-workspace';
import { createEscalationDeps } from './app-deps';
import { ConfluenceClient } from './confluence/confluence-client';
import { ConfluenceReportPublisher } from './confluence/confluence-report-publisher';
import { sha256Hex } from './crypto/sha256';
import { JiraClient } from './jira/jira-client';
import { JiraReportService } from './jira/jira-report-service';
import { kvsReportArchive } from './storage/report-archive-store';

/**
 * The report's composition root for one invocation. History, remote link and Confluence page are read and
 * written as the app (the user's access to the issue is checked first, as the user, by the workspace).
 */
export function createReportDeps(): ReportDeps {
  return {
    ...createEscalationDeps(),
    reportJira: new JiraReportService(new JiraClient(api.asApp())),
    archive: kvsReportArchive(sha256Hex),
    publisher: new ConfluenceReportPublisher(new ConfluenceClient(api.asApp())),
    sha256: sha256Hex,
  };
}
