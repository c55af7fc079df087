import type { ProductResponse } from '../sandbox-api';

const JSON_HEADERS = { 'content-type': 'application/json;charset=UTF-8' };

export function json(status: number, body: unknown, headers: Record<string, string> = {}): ProductResponse {
  return { status, headers: { ...JSON_HEADERS, ...headers }, body: JSON.stringify(body) };
}

export function noContent(): ProductResponse {
  return { status: 204, headers: {}, body: '' };
}

/** Jira's error body: `{"errorMessages":[...],"errors":{}}`. */
export function jiraError(status: number, messages: string[] | string, errors: Record<string, string> = {}): ProductResponse {
  return json(status, { errorMessages: Array.isArray(messages) ? messages : [messages], errors });
}

/** Confluence v2 error body: `{"errors":[{status, code, title, detail}]}`. */
export function confluenceError(status: number, code: string, title: string, detail?: string): ProductResponse {
  return json(status, { errors: [{ status, code, title, detail: detail ?? null }] });
}

/** Thrown inside handlers to end the request with a given response. */
export class HttpFailure extends Error {
  constructor(readonly response: ProductResponse) {
    super(`HTTP ${response.status}: ${response.body}`);
  }
}

export function fail(status: number, messages: string[] | string, errors: Record<string, string> = {}): never {
  throw new HttpFailure(jiraError(status, messages, errors));
}

/** Parses a JSON request body or fails with Jira's 400. */
export function parseJsonBody<T = Record<string, unknown>>(body: string | undefined): T {
  if (body === undefined || body === '') fail(400, 'No content to map due to end-of-input');
  try {
    return JSON.parse(body) as T;
  } catch {
    fail(400, 'Unexpected character in the request body: it is not valid JSON.');
  }
}
