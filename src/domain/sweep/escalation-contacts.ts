import type { ProjectConfiguration } from '../configuration/project-configuration';
import type { Level, Party } from '../process/process-template';

export interface Recipients {
  readonly accountIds: readonly string[];
  readonly groups: readonly string[];
}

/**
 * Who is told at a level: the contacts the project configured for that level and each given party; where
 * a party has none configured at that level, its groups (so a notice never goes to nobody).
 */
export function contactsFor(configuration: ProjectConfiguration, level: Level, parties: readonly Party[]): Recipients {
  const accountIds = new Set<string>();
  const groups = new Set<string>();
  for (const party of parties) {
    const configured = configuration.contacts[level]?.[party];
    const named = (configured?.accountIds.length ?? 0) + (configured?.groups.length ?? 0) > 0;
    if (named) {
      configured!.accountIds.forEach((id) => accountIds.add(id));
      configured!.groups.forEach((g) => groups.add(g));
    } else {
      configuration.parties[party].groups.forEach((g) => groups.add(g));
    }
  }
  return { accountIds: [...accountIds].sort(), groups: [...groups].sort() };
}

export const partiesOf = (party: Party | 'both'): Party[] => (party === 'both' ? ['contractor', 'client'] : [party]);
