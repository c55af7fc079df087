import type { TemplateRef } from '../../domain/process/process-template';

/**
 * Errors a port throws that the use cases recognise and act on. Implementations translate their own
 * failures into these (keeping the original as `cause`); anything else passes through unrecognised.
 */

/**
 * `EscalationEventStore.append`: another writer took this sequence number first (appends are
 * create-only). The use case reads the log again and retries.
 */
export class ConcurrentAppendError extends Error {
  constructor(
    readonly issueId: string,
    readonly seq: number,
    options?: ErrorOptions,
  ) {
    super(`Event ${seq} of issue ${issueId} was written by someone else first`, options);
    this.name = 'ConcurrentAppendError';
  }
}

/** `TemplateVersioning.publish`: that template version exists already (published by someone else first). */
export class TemplateVersionConflictError extends Error {
  constructor(
    readonly ref: TemplateRef,
    options?: ErrorOptions,
  ) {
    super(`Process template ${ref.id} v${ref.version} was published by someone else first`, options);
    this.name = 'TemplateVersionConflictError';
  }
}

/** A publisher: the Confluence space (or the parent page) to publish into does not exist or cannot be seen. */
export class SpaceNotFoundError extends Error {
  constructor(
    readonly spaceKey: string,
    options?: ErrorOptions,
  ) {
    super(`Confluence space ${spaceKey} does not exist or the app cannot see it`, options);
    this.name = 'SpaceNotFoundError';
  }
}

/**
 * A product (Jira, Confluence) answered a request with an error status, or stayed unavailable for longer
 * than the invocation may wait: the request's effect did not happen, and a later attempt may repeat it.
 */
export class ServiceRequestError extends Error {
  constructor(
    message: string,
    /** The HTTP status of the answer; 0 when no answer came. */
    readonly status: number,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = 'ServiceRequestError';
  }
}

/**
 * A publisher: Confluence could not be reached or refused the app (the app is not installed in Confluence on
 * this site, lacks permission there, or Confluence is unavailable). Nothing was published.
 */
export class ConfluenceUnavailableError extends Error {
  constructor(
    /** The HTTP status of Confluence's answer; 0 when no answer came. */
    readonly status: number,
    options?: ErrorOptions,
  ) {
    super(`Confluence could not be reached or refused the app (status ${status})`, options);
    this.name = 'ConfluenceUnavailableError';
  }
}
