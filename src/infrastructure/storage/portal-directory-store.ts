import { z } from 'zod';
import type { PortalDirectory } from '../../usecases/ports/portal-directory';
import { kvs } from './rate-limited-kvs';

const key = (projectKey: string) => `portal-id:${projectKey}`;
const storedSchema = z.object({ portalId: z.number().int().positive() });

/** `portal-id:<projectKey>` → `{ portalId }`, written only when a portal view shows a new id. */
export const kvsPortalDirectory: PortalDirectory = {
  async portalIdOf(projectKey) {
    return storedSchema.safeParse(await kvs.get(key(projectKey))).data?.portalId;
  },
  async remember(projectKey, portalId) {
    await kvs.set(key(projectKey), { portalId });
  },
};
