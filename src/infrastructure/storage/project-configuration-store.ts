import { kvs } from './rate-limited-kvs';
import { DEFAULT_PROJECT_CONFIGURATION, projectConfigurationSchema } from '../../domain/configuration/project-configuration';
import type { ProjectConfigurationStore } from '../../usecases/ports/project-configuration-store';
import { CorruptRecordError } from './escalation-event-store';

const key = (projectKey: string) => `configuration:project:${projectKey}`;

export const kvsProjectConfigurationStore: ProjectConfigurationStore = {
  async get(projectKey) {
    const stored = await kvs.get<unknown>(key(projectKey));
    if (stored === undefined) return DEFAULT_PROJECT_CONFIGURATION;
    const parsed = projectConfigurationSchema.safeParse(stored);
    if (!parsed.success) throw new CorruptRecordError(`Configuration of project ${projectKey} is not valid: ${parsed.error.message}`);
    return parsed.data;
  },
  async save(projectKey, configuration) {
    await kvs.set(key(projectKey), projectConfigurationSchema.parse(configuration));
  },
};
