import { projectConfigurationSchema } from '../../domain/configuration/project-configuration';
import type { ProjectConfigurationDirectory } from '../../usecases/ports/project-configuration-store';
import { queryPrefix } from './kvs-prefix-query';

const PREFIX = 'configuration:project:';

/** All stored project configurations (projects never configured use the default and are not listed). */
export const kvsProjectConfigurationDirectory: ProjectConfigurationDirectory = {
  list() {
    return queryPrefix(PREFIX, (value, key) => {
      const parsed = projectConfigurationSchema.safeParse(value);
      return parsed.success ? { projectKey: key.slice(PREFIX.length), configuration: parsed.data } : undefined;
    });
  },
};
