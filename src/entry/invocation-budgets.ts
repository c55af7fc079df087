/**
 * How long each kind of Forge invocation may run, and the share of it the app lets itself use.
 *
 * Platform limits (checked against Atlassian's docs):
 *  - https://developer.atlassian.com/platform/forge/limits-invocation/ : "Runtime seconds" 25 for functions
 *    invoked by users (resolvers of UI modules, workflow rules) and product-event triggers; 900 for "function
 *    modules that are only referenced by consumer or scheduled trigger modules. Default timeout is 55 seconds.
 *    Use timeoutSeconds to extend it."
 *  - https://developer.atlassian.com/platform/forge/manifest-reference/modules/scheduled-trigger/ : "enabling it to
 *    run longer than the default of 55 seconds. You can specify up to 900 seconds (15 minutes)."
 *  - https://developer.atlassian.com/platform/forge/runtime-reference/async-events-api/ : consumers exist for work
 *    that needs "more than the Forge function maximum of 25 seconds".
 *
 * Safety margin: every budget stops `SAFETY_MARGIN_MS` (5 s) before the platform kills the invocation, so the
 * last request can finish, its result be written and an `InvocationError` / log line go out. A budget is the
 * time the app's own code may plan for (deadlines for retries, "stop and hand the rest to the queue").
 *
 * `npm run check:forge` checks that, for every function in manifest.yml, the budget of each module kind that
 * calls it stays within that function's platform limit (taking its `timeoutSeconds` into account).
 */

/** Time kept free at the end of every invocation. */
export const SAFETY_MARGIN_MS = 5_000;

/** Platform limits in milliseconds (see the links above). */
export const PLATFORM_LIMIT_MS = {
  /** UI resolvers, workflow rules, product-event triggers: 25 s, not extendable. */
  default: 25_000,
  /** Consumers and scheduled triggers without `timeoutSeconds`. */
  longRunningDefault: 55_000,
  /** Consumers and scheduled triggers: the most `timeoutSeconds` may ask for. */
  longRunningMax: 900_000,
} as const;

/** Custom UI resolvers (`resolver.function` of issue panels, admin pages, custom field and workflow rule views). */
export const RESOLVER_BUDGET_MS = PLATFORM_LIMIT_MS.default - SAFETY_MARGIN_MS;

/** `trigger` on product events (avi:jira:created/updated/commented:issue): 25 s, like any other invocation. */
export const PRODUCT_EVENT_TRIGGER_BUDGET_MS = PLATFORM_LIMIT_MS.default - SAFETY_MARGIN_MS;

/** `jira:workflowValidator` / `jira:workflowPostFunction` functions, invoked on a transition. */
export const WORKFLOW_RULE_BUDGET_MS = PLATFORM_LIMIT_MS.default - SAFETY_MARGIN_MS;

/**
 * `action` functions a Jira Automation rule invokes (offered through `automation:actionProvider`). The action
 * docs name no limit of their own: such a function is not referenced solely by consumer or scheduled trigger
 * modules, so limits-invocation gives it 25 s.
 */
export const AUTOMATION_ACTION_BUDGET_MS = PLATFORM_LIMIT_MS.default - SAFETY_MARGIN_MS;

/**
 * `timeoutSeconds` the app declares for its long-running functions (the sweep and its queue consumer); must
 * equal the value in manifest.yml (the check compares them).
 */
export const LONG_RUNNING_TIMEOUT_SECONDS = 300;

/** `scheduledTrigger` function with `timeoutSeconds: LONG_RUNNING_TIMEOUT_SECONDS`. */
export const SCHEDULED_TRIGGER_BUDGET_MS = LONG_RUNNING_TIMEOUT_SECONDS * 1000 - SAFETY_MARGIN_MS;

/** `consumer` (async events) function with `timeoutSeconds: LONG_RUNNING_TIMEOUT_SECONDS`. */
export const QUEUE_CONSUMER_BUDGET_MS = LONG_RUNNING_TIMEOUT_SECONDS * 1000 - SAFETY_MARGIN_MS;

/**
 * Time a long-running function (sweep, queue consumer) keeps within its budget for the issue in hand: it
 * takes no new issue when less is left, and hands the rest to the queue instead.
 */
export const LONG_RUNNING_ISSUE_RESERVE_MS = 45_000;

/**
 * The end of a long-running function's budget that no storage wait may reach: it is kept for the batch's
 * projection writes and the hand-on of what is left. With {@link LONG_RUNNING_ISSUE_RESERVE_MS} an issue
 * starts no later than 250 s into the consumer's 300 s, its waits end by 265 s, and the invocation ends well
 * before the platform's limit (a 429'd storage call waits up to 120 s, which once took an invocation to 295 s).
 */
export const LONG_RUNNING_WRITE_RESERVE_MS = 30_000;

/**
 * The budget of a function by what invokes it. `resolver`: the function is some module's `resolver.function`
 * (a Custom UI bridge `invoke`, whatever the module kind); the other keys are manifest module kinds whose
 * `function` property names it.
 */
export const BUDGET_MS_BY_INVOKER: Readonly<Record<string, number>> = {
  resolver: RESOLVER_BUDGET_MS,
  'jira:workflowValidator': WORKFLOW_RULE_BUDGET_MS,
  'jira:workflowPostFunction': WORKFLOW_RULE_BUDGET_MS,
  trigger: PRODUCT_EVENT_TRIGGER_BUDGET_MS,
  action: AUTOMATION_ACTION_BUDGET_MS,
  scheduledTrigger: SCHEDULED_TRIGGER_BUDGET_MS,
  consumer: QUEUE_CONSUMER_BUDGET_MS,
};
