import type { PersonalDataDeps } from '../usecases/report-personal-data-use-case';
import { retryPolicyWithin } from './http/product-request';
import { logger } from './logger';
import { forgePersonalDataReporter } from './privacy/forge-personal-data-reporter';
import { kvsAccountPrivacyRegister } from './storage/account-privacy-register-store';
import { kvsStoredAccountInventory } from './storage/stored-account-inventory';

/** The personal data job's composition root for one run; `budgetMs` bounds its retry waits. */
export function createPersonalDataDeps(budgetMs: number): PersonalDataDeps {
  return {
    inventory: kvsStoredAccountInventory,
    reporter: forgePersonalDataReporter(retryPolicyWithin(budgetMs)),
    register: kvsAccountPrivacyRegister,
    logger,
    now: () => new Date(),
  };
}
