import type { ProjectConfiguration } from '../../domain/configuration/project-configuration';

export interface ProjectConfigurationStore {
  /** The project's configuration, or the default until an admin saves one. */
  get(projectKey: string): Promise<ProjectConfiguration>;
  save(projectKey: string, configuration: ProjectConfiguration): Promise<void>;
}

/** All stored project configurations (projects never configured use the default and are not listed). */
export interface ProjectConfigurationDirectory {
  list(): Promise<{ projectKey: string; configuration: ProjectConfiguration }[]>;
}
