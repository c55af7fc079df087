import type { ZodError } from 'zod';
import { createEscalationDeps } from '../../infrastructure/app-deps';
import {
  automationActionInputs,
  type AutomationActionErrors,
  type AutomationActionInput,
  type AutomationActionKey,
} from '../../shared/automation-contract';
import type { EscalationDeps } from '../../usecases/escalation-deps';
import { performEscalationAction } from '../../usecases/perform-escalation-action-use-case';
import { AUTOMATION_ACTION_BUDGET_MS } from '../invocation-budgets';
import { toResolverError } from '../resolvers/define-resolvers';

/** The second argument of every Forge function (function-reference/arguments): only `principal` is read. */
interface ForgeContext {
  readonly principal?: { readonly accountId?: unknown };
}

/** A Forge function Automation invokes with the rule's inputs; resolves to nothing when the action succeeded. */
export type AutomationActionHandler = (payload: unknown, context?: ForgeContext) => Promise<AutomationActionErrors | undefined>;

const fail = (message: string): AutomationActionErrors => ({ errors: [{ message }] });

function inputErrors(error: ZodError): AutomationActionErrors {
  return {
    errors: error.issues.map((issue) => ({
      message: `Input ${issue.path.length > 0 ? `'${issue.path.join('.')}'` : '(all)'}: ${issue.message}`,
    })),
  };
}

/**
 * One Automation action: checks the inputs, takes the actor from the invocation's context, runs the same
 * use case as the panel's resolver and answers as Automation documents it.
 *
 * @remarks Automation "will always invoke your action as a particular user associated with the connection in
 * action configuration" (automation-action docs, "Permissions"): that user is `context.principal`, Jira is
 * asked as that user (`asUser()`, so its issue permissions apply), and the party is the one its groups belong
 * to in the project's configuration, exactly as in the panel. A user of neither party, or of both, is refused;
 * nobody can act for a party from a rule (`onBehalf` is not an input).
 * Failures are returned as `{ errors: [{ message }] }`: the rule stops, the action is marked failed and the
 * messages appear in the rule's audit log (a thrown error would show only a generic message).
 */
function automationAction<K extends AutomationActionKey>(key: K, makeDeps: () => EscalationDeps): AutomationActionHandler {
  return async (payload, context) => {
    const accountId = context?.principal?.accountId;
    if (typeof accountId !== 'string' || accountId.length === 0) {
      return fail("This action runs as the user of the rule's connection, and Forge named none; nothing was changed.");
    }
    const parsed = automationActionInputs[key].safeParse(payload ?? {});
    if (!parsed.success) return inputErrors(parsed.error);
    const { issueKey, ...input } = parsed.data as AutomationActionInput<K> & { issueKey: string };
    try {
      await performEscalationAction(makeDeps(), { accountId, issueKey }, key, input as never, { source: 'automation' });
      return undefined;
    } catch (error) {
      const { code, message } = toResolverError(error, `automation:${key}`);
      if (code === 'not-a-party')
        return fail(
          `${issueKey}: the rule runs as the user ${accountId}, who is not a member of exactly one party (contractor or ` +
            "client) of this project, so it cannot act in its escalations. Run the rule as a party's member; nothing was changed.",
        );
      return fail(`${issueKey}: ${message}`);
    }
  };
}

/** The app's Jira Automation actions (manifest `action` modules), one Forge function each. */
export function createAutomationActions(makeDeps: () => EscalationDeps = () => createEscalationDeps(AUTOMATION_ACTION_BUDGET_MS)): {
  readonly [K in AutomationActionKey]: AutomationActionHandler;
} {
  return {
    startEscalation: automationAction('startEscalation', makeDeps),
    recordClientNotified: automationAction('recordClientNotified', makeDeps),
    postStatusUpdate: automationAction('postStatusUpdate', makeDeps),
    acknowledgeNotice: automationAction('acknowledgeNotice', makeDeps),
  };
}
