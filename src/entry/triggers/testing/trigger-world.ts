import type { EscalationEvent } from '../../../domain/escalation/escalation-event';
import type { ProjectConfiguration } from '../../../domain/configuration/project-configuration';
import { DEFAULT_PROCESS_TEMPLATE } from '../../../domain/process/default-template';
import type { ProcessTemplate } from '../../../domain/process/process-template';
import type { CriticalProblem } from '../../../domain/sweep/critical-priority';
import { CONFIG } from '../../../domain/sweep/sweep-test-story';
import type { CriticalPriorityDeps } from '../../../usecases/detect-critical-priority-use-case';
import { silentLogger } from '../../../usecases/ports/logger';
import { ConcurrentAppendError } from '../../../usecases/ports/port-errors';
import { inMemoryDueIndex } from '../../../usecases/testing/in-memory-due-index';
import type { CommentNotificationDeps, IssueComment } from '../../../usecases/record-client-notified-by-comment-use-case';

/**
 * In-memory deps for the product-event triggers' tests: one issue's log, Jira answering from fixed data.
 * `templates` are the projects' own versions in force; other projects run on the built-in annex.
 */
export function triggerWorld(options: {
  log?: EscalationEvent[];
  now: Date;
  priority?: string;
  comment?: IssueComment;
  templates?: Readonly<Record<string, ProcessTemplate>>;
  configuration?: ProjectConfiguration;
  /** The critical problem the issue's property holds. */
  criticalProblem?: CriticalProblem;
}) {
  const log = [...(options.log ?? [])];
  const priorityReads: string[] = [];
  /** Critical problems written to the issue's property, in order. */
  const recordedProblems: CriticalProblem[] = [];
  let property = options.criticalProblem;
  const deps = {
    events: {
      load: () => Promise.resolve([...log]),
      append: (issueId: string, events: readonly EscalationEvent[]) => {
        if (events[0]!.seq !== log.length + 1) return Promise.reject(new ConcurrentAppendError(issueId, events[0]!.seq));
        log.push(...events);
        return Promise.resolve();
      },
    },
    configurations: { get: () => Promise.resolve(options.configuration ?? CONFIG), save: () => Promise.resolve() },
    templates: {
      active: (projectKey: string) => Promise.resolve(options.templates?.[projectKey] ?? DEFAULT_PROCESS_TEMPLATE),
      get: () => Promise.resolve(DEFAULT_PROCESS_TEMPLATE),
    },
    priorities: {
      criticalityOf: (issueIdOrKey: string) => {
        priorityReads.push(issueIdOrKey);
        return Promise.resolve({
          ...(options.priority ? { priority: options.priority } : {}),
          ...(property ? { criticalProblem: property } : {}),
        });
      },
    },
    comments: {
      getComment: (_issue: string, id: string) => Promise.resolve(options.comment?.id === id ? options.comment : undefined),
      userGroups: (accountId: string) =>
        Promise.resolve(({ 'acc-sam': ['contractor-team'], 'acc-klaus': ['client-team'] } as Record<string, string[]>)[accountId] ?? []),
    },
    jira: {
      saveProjection: () => Promise.resolve(),
      siteLocale: () => Promise.resolve('en' as const),
      recordCriticalProblem: (_issue: string, problem: CriticalProblem) => {
        recordedProblems.push(problem);
        property = problem;
        return Promise.resolve();
      },
      notify: () => Promise.resolve('sent'),
      userProfile: () => Promise.resolve(undefined),
      groupMembers: () => Promise.resolve(undefined),
      siteUrl: () => Promise.resolve(undefined),
    },
    dueIndex: inMemoryDueIndex(),
    claims: { latest: () => Promise.resolve(undefined), create: () => Promise.resolve(true), update: () => Promise.resolve() },
    now: () => options.now,
    remainingMs: () => 15_000,
    invocationId: 'test',
    logger: silentLogger,
  } as unknown as CriticalPriorityDeps & CommentNotificationDeps;
  return { deps, log, priorityReads, recordedProblems };
}
