import type { ProjectConfiguration } from '../configuration/project-configuration';
import type { Level, Party } from '../process/process-template';

export interface Recipients {
  readonly accountIds: readonly string[];
  readonly groups: readonly string[];
}

/**
 * Who is told at a level: the contacts the project configured for that level and each given party; where
 * a party has none configured at that level, its groups (so a notice never goes to nobody). Contacts in
 * `unreachable` (closed or deactivated accounts) are skipped; a party left with none falls back to its groups.
 */
export function contactsFor(
  configuration: ProjectConfiguration,
  level: Level,
  parties: readonly Party[],
  unreachable: ReadonlySet<string> = new Set(),
): Recipients {
  const accountIds = new Set<string>();
  const groups = new Set<string>();
  for (const party of parties) {
    const configured = configuration.contacts[level]?.[party];
    const reachable = configured?.accountIds.filter((id) => !unreachable.has(id)) ?? [];
    const named = reachable.length + (configured?.groups.length ?? 0) > 0;
    if (named) {
      reachable.forEach((id) => accountIds.add(id));
      configured!.groups.forEach((g) => groups.add(g));
    } else {
      configuration.parties[party].groups.forEach((g) => groups.add(g));
    }
  }
  return { accountIds: [...accountIds].sort(), groups: [...groups].sort() };
}

/** Every account named as a contact of the project, at any level and party. */
export function contactAccountIds(configuration: ProjectConfiguration): string[] {
  const ids = new Set<string>();
  for (const byParty of Object.values(configuration.contacts))
    for (const c of [byParty?.contractor, byParty?.client]) c?.accountIds.forEach((id) => ids.add(id));
  return [...ids].sort();
}

export const partiesOf = (party: Party | 'both'): Party[] => (party === 'both' ? ['contractor', 'client'] : [party]);
