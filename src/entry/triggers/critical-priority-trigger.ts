import type { InvocationError } from '@forge/events';
import { logger } from '../../infrastructure/logger';
import { createCriticalPriorityDeps } from '../../infrastructure/sweep-deps';
import { detectCriticalPriorityOfEvent, type CriticalPriorityDeps } from '../../usecases/detect-critical-priority-use-case';
import { PRODUCT_EVENT_TRIGGER_BUDGET_MS } from '../invocation-budgets';
import { isPermanentFailure, retryLater } from '../retry-later';
import { eventTime, issueEventSchema, previousPriority, projectKeyOf } from './product-event-schemas';

/**
 * Product-event `trigger` on issues created or updated: an issue created with, or changed to, a critical
 * priority records a critical problem (the panel proposes an escalation), or starts one where the project
 * opts in. The payload is read as Jira documents it: it does not carry the priority,
 * so the priority is read from Jira (only on creation, or when the change's changelog touches the priority).
 * Events may come late or twice: the start is recorded once, and its detection time is the event's
 * `timestamp` (epoch milliseconds in a string). A transient failure returns an `InvocationError`, so Forge
 * delivers the event again; the sweep's search for critical issues without an escalation is the last net.
 */
export function createCriticalPriorityTrigger(
  makeDeps: () => CriticalPriorityDeps = () => createCriticalPriorityDeps(PRODUCT_EVENT_TRIGGER_BUDGET_MS),
) {
  return async (event: unknown): Promise<InvocationError | void> => {
    const parsed = issueEventSchema.safeParse(event);
    if (!parsed.success) {
      logger.warn('issue event not understood', { error: parsed.error.message });
      return;
    }
    const { issue, timestamp, changelog, eventType } = parsed.data;
    if (eventType === 'avi:jira:updated:issue' && changelog && !changelog.items.some((i) => (i.fieldId ?? i.field) === 'priority')) return;
    const deps = makeDeps();
    const detectedAt = eventTime(timestamp) ?? deps.now().toISOString();
    try {
      await detectCriticalPriorityOfEvent(
        deps,
        { id: issue.id, key: issue.key, projectKey: projectKeyOf(issue), summary: issue.fields?.summary ?? '' },
        detectedAt,
        eventType === 'avi:jira:created:issue' ? null : previousPriority(changelog),
      );
    } catch (error) {
      if (isPermanentFailure(error)) {
        logger.warn('critical priority not handled; the sweep will find the issue', { issueKey: issue.key, error: String(error) });
        return;
      }
      logger.warn('critical priority not handled yet; Forge delivers the event again', { issueKey: issue.key, error: String(error) });
      return retryLater();
    }
  };
}
