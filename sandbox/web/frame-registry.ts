/**
 * Custom UI frames registered by the sandbox page. A frame is identified by an unguessable token in its
 * URL; everything the server does for the frame (accountId, issue, module) comes from this registration,
 * never from what the frame itself sends.
 */
import { randomBytes } from 'node:crypto';
import type { FrameContext } from '../platform/sandbox-api';
import type { UiModule } from './manifest-modules';

export interface FrameRegistration {
  token: string;
  module: UiModule;
  context: FrameContext;
}

const MAX_FRAMES = 1000;

export class FrameRegistry {
  private readonly frames = new Map<string, FrameRegistration>();

  register(module: UiModule, context: FrameContext): FrameRegistration {
    const token = randomBytes(16).toString('hex');
    const registration: FrameRegistration = { token, module, context };
    this.frames.set(token, registration);
    // Frames are short-lived (one per mounted module); forget the oldest ones.
    while (this.frames.size > MAX_FRAMES) {
      const oldest = this.frames.keys().next().value;
      if (oldest === undefined) break;
      this.frames.delete(oldest);
    }
    return registration;
  }

  get(token: string): FrameRegistration | undefined {
    return this.frames.get(token);
  }
}
