import { projectConfigurationSchema, type ProjectConfiguration } from '../../domain/configuration/project-configuration';
import { queryPrefix } from './kvs-prefix-query';

/** All stored project configurations (projects never configured use the default and are not listed). */
export interface ProjectConfigurationDirectory {
  list(): Promise<{ projectKey: string; configuration: ProjectConfiguration }[]>;
}

const PREFIX = 'configuration:project:';

export const kvsProjectConfigurationDirectory: ProjectConfigurationDirectory = {
  list() {
    return queryPrefix(PREFIX, (value, key) => {
      const parsed = projectConfigurationSchema.safeParse(value);
      return parsed.success ? { projectKey: key.slice(PREFIX.length), configuration: parsed.data } : undefined;
    });
  },
};
