import { z } from 'zod';
import { logger } from '../../infrastructure/logger';
import { createSweepDeps } from '../../infrastructure/sweep-deps';
import { detectCriticalPriority } from '../../usecases/detect-critical-priority-use-case';
import type { SweepDeps } from '../../usecases/escalation-sweep-deps';

/** Product-event triggers run with Forge's default limit (no custom timeout for them). */
export const TRIGGER_TIMEOUT_SECONDS = 55;

/** `avi:jira:created:issue` / `avi:jira:updated:issue` as Forge delivers them (only what is read). */
const issueEventSchema = z
  .object({
    eventType: z.string().optional(),
    timestamp: z.union([z.number(), z.string()]).optional(),
    issue: z
      .object({
        id: z.union([z.string(), z.number()]),
        key: z.string().min(1),
        fields: z
          .object({
            summary: z.string().optional(),
            priority: z.object({ name: z.string() }).nullish(),
            project: z.object({ key: z.string() }).passthrough().optional(),
            updated: z.string().optional(),
          })
          .passthrough(),
      })
      .passthrough(),
  })
  .passthrough();

/**
 * Product-event `trigger`: an issue created with, or changed to, a critical priority starts an escalation.
 * Events may come late or twice: the start is recorded once, and its detection time is the event's time.
 * Failures are logged; the sweep's search for critical issues without an escalation catches what is missed.
 */
export function createCriticalPriorityTrigger(makeDeps: () => SweepDeps = () => createSweepDeps(TRIGGER_TIMEOUT_SECONDS)) {
  return async (event: unknown): Promise<void> => {
    const parsed = issueEventSchema.safeParse(event);
    if (!parsed.success) {
      logger.warn('issue event not understood', { error: parsed.error.message });
      return;
    }
    const { issue, timestamp } = parsed.data;
    const priority = issue.fields.priority?.name;
    if (!priority) return;
    const deps = makeDeps();
    const at = timestamp !== undefined ? new Date(typeof timestamp === 'number' ? timestamp : Date.parse(timestamp)) : undefined;
    const detectedAt = at && !Number.isNaN(at.getTime()) ? at.toISOString() : deps.now().toISOString();
    try {
      await detectCriticalPriority(
        deps,
        {
          id: String(issue.id),
          key: issue.key,
          projectKey: issue.fields.project?.key ?? issue.key.split('-')[0]!,
          summary: issue.fields.summary ?? '',
          priority,
        },
        detectedAt,
      );
    } catch (error) {
      logger.warn('critical priority not handled; the sweep will find the issue', { issueKey: issue.key, error: String(error) });
    }
  };
}
