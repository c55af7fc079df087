import type { AppManifest, ManifestModule } from '../manifest/app-manifest';
import { modulesOf } from '../manifest/app-manifest';

/**
 * Jira Automation's side of an app `action`, as the module docs describe it
 * (https://developer.atlassian.com/platform/forge/manifest-reference/modules/automation-action/):
 *  - only actions an `automation:actionProvider` lists are offered to rules;
 *  - a rule is saved only with the inputs the module declares, each of its declared type, the required ones set
 *    ("Fields present in the configuration but not declared as inputs in the manifest will be rejected");
 *  - when the rule runs, the function gets the inputs (smart values resolved) as its payload, invoked as the
 *    user of the rule's connection;
 *  - `{ errors: [{ message }] }` fails the action with those messages in the audit log; a thrown error fails
 *    it with a generic message only; anything else lets the rule go on.
 */

export interface AutomationInputDeclaration {
  title?: string;
  type: 'string' | 'integer' | 'number' | 'boolean';
  required?: boolean;
}

export interface AutomationActionModule extends ManifestModule {
  function?: string;
  inputs?: Record<string, AutomationInputDeclaration>;
}

/** What the rule's audit log shows for the action. */
export type AutomationAuditEntry =
  { readonly status: 'success'; readonly output: unknown } | { readonly status: 'failed'; readonly messages: readonly string[] };

/** Automation's generic message when the function threw (the app's own text is not shown). */
export const GENERIC_FAILURE = 'The action failed to execute.';

/** The action module a rule may use: listed by an actionProvider, backed by a function. */
export function offeredAction(manifest: AppManifest, actionKey: string): AutomationActionModule & { function: string } {
  const listed = modulesOf<ManifestModule & { actions?: string[] }>(manifest, 'automation:actionProvider').some((p) =>
    (p.actions ?? []).includes(actionKey),
  );
  if (!listed) throw new Error(`Automation: action '${actionKey}' is not listed by any automation:actionProvider, so rules cannot use it`);
  const action = modulesOf<AutomationActionModule>(manifest, 'action').find((a) => a.key === actionKey);
  if (!action) throw new Error(`Automation: manifest.yml has no action module '${actionKey}'`);
  if (typeof action.function !== 'string')
    throw new Error(`Automation: action '${actionKey}' has no function (endpoints are not emulated)`);
  return action as AutomationActionModule & { function: string };
}

const TYPE_CHECKS: Record<AutomationInputDeclaration['type'], (v: unknown) => boolean> = {
  string: (v) => typeof v === 'string',
  integer: (v) => typeof v === 'number' && Number.isInteger(v),
  number: (v) => typeof v === 'number' && Number.isFinite(v),
  boolean: (v) => typeof v === 'boolean',
};

/**
 * The rule validation Automation makes before it saves a rule: every configured field declared, of its
 * type, required ones present. `configured` are the values as entered (a smart value is a string there).
 * @throws when the rule could not be saved.
 */
export function checkRuleConfiguration(action: AutomationActionModule, configured: Readonly<Record<string, unknown>>): void {
  const declared = action.inputs ?? {};
  const problems: string[] = [];
  for (const [name, value] of Object.entries(configured)) {
    const input = declared[name];
    if (!input) problems.push(`${name} is not an input of the action`);
    else if (!TYPE_CHECKS[input.type](value)) problems.push(`${name} must be of type ${input.type}`);
  }
  for (const [name, input] of Object.entries(declared)) {
    if (input.required && configured[name] === undefined) problems.push(`${name} is required`);
  }
  if (problems.length > 0) throw new Error(`Automation would not save the rule (${action.key}): ${problems.join('; ')}`);
}

/** Reads the function's result the way Automation does. */
export function auditEntryOf(result: unknown): AutomationAuditEntry {
  const errors = (result as { errors?: unknown } | null | undefined)?.errors;
  if (Array.isArray(errors) && errors.length > 0) {
    return {
      status: 'failed',
      messages: errors.map((e) => {
        const message = (e as { message?: unknown } | null)?.message;
        return typeof message === 'string' ? message : JSON.stringify(e);
      }),
    };
  }
  return { status: 'success', output: result };
}
