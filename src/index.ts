/**
 * Forge entry points, one export per manifest `handler: index.<name>`, grouped by module kind.
 */
import { createAutomationActions } from './entry/automation/automation-actions';
import { createEscalationSweepConsumer } from './entry/consumers/escalation-sweep-consumer';
import { createReportGenerationConsumer } from './entry/consumers/report-generation-consumer';
import { createAdminResolver } from './entry/resolvers/admin-resolver';
import { createPanelResolver } from './entry/resolvers/escalation-panel-resolver';
import { createPortalResolver } from './entry/resolvers/portal-resolver';
import { createEscalationSweep } from './entry/scheduled/escalation-sweep';
import { createPersonalDataReport } from './entry/scheduled/personal-data-report';
import { createAnalyticsBackfill } from './entry/scheduled/analytics-backfill';
import { createClientCommentTrigger } from './entry/triggers/client-comment-trigger';
import { createCriticalPriorityTrigger } from './entry/triggers/critical-priority-trigger';
import { createTransitionPostFunction, createTransitionValidator } from './entry/workflow/escalation-workflow-rules';

// Custom UI resolvers (issue panel, workflow rule configuration views)
export const resolver = createPanelResolver();

// Custom UI resolvers of the administration, project settings and revision analytics pages
export const adminResolver = createAdminResolver();

// Custom UI resolvers of the Jira Service Management portal's request view (the client's people, as customers)
export const portalResolver = createPortalResolver();

// Workflow rules
export const validateEscalationTransition = createTransitionValidator();
export const recordEscalationTransition = createTransitionPostFunction();

// Automatic escalation: the five-minute sweep, its queue consumer, and the critical-priority trigger
export const escalationSweep = createEscalationSweep();
export const escalationSweepConsumer = createEscalationSweepConsumer();
export const criticalPriorityTrigger = createCriticalPriorityTrigger();
// A contractor's comment mentioning the client contacts records the client notification
export const clientCommentTrigger = createClientCommentTrigger();

// Large final reports: generated in the background and stored in pages
export const reportGenerationConsumer = createReportGenerationConsumer();

// Personal data: reports stored accounts to Forge weekly (run daily so a failed run is made up)
export const personalDataReport = createPersonalDataReport();

// Revision analytics: folds summaries from before the running totals into them (hourly until done)
export const analyticsBackfill = createAnalyticsBackfill();

// Jira Automation actions (manifest `action` modules offered through `automation:actionProvider`)
const automationActions = createAutomationActions();
export const automationStartEscalation = automationActions.startEscalation;
export const automationRecordClientNotified = automationActions.recordClientNotified;
export const automationPostStatusUpdate = automationActions.postStatusUpdate;
export const automationAcknowledgeNotice = automationActions.acknowledgeNotice;
