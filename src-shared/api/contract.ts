// The whole API contract: every call the renderer (or a script) can make, and every event.
import type { z } from 'zod';
import { auditCalls } from './audit.js';
import { bulkChangeCalls } from './bulk-changes.js';
import type { CallSpec } from './define-contract.js';
import { dashboardCalls } from './dashboard.js';
import { discoveryCalls } from './discovery.js';
import { exportCalls } from './exports.js';
import { inventoryCalls } from './inventory.js';
import { otCalls } from './ot.js';
import { networkCalls, reconciliationCalls } from './reconciliation.js';
import { opcuaCertificateCalls } from './opcua-certificates.js';
import { runsCalls } from './runs.js';
import { savedViewCalls } from './saved-views.js';
import { softwareCalls } from './software.js';
import { systemCalls } from './system.js';

export const apiCalls = {
  ...systemCalls,
  ...inventoryCalls,
  ...runsCalls,
  ...auditCalls,
  ...discoveryCalls,
  ...reconciliationCalls,
  ...networkCalls,
  ...exportCalls,
  ...savedViewCalls,
  ...bulkChangeCalls,
  ...softwareCalls,
  ...dashboardCalls,
  ...otCalls,
  ...opcuaCertificateCalls,
};
export type ApiCalls = typeof apiCalls;
export type ApiMethod = keyof ApiCalls;
export type ApiInput<M extends ApiMethod> = z.input<ApiCalls[M]['input']>;
export type ApiOutput<M extends ApiMethod> = z.output<ApiCalls[M]['output']>;
/** Input after validation and defaults: what a handler receives. */
export type ApiParsedInput<M extends ApiMethod> = z.output<ApiCalls[M]['input']>;

export const API_METHODS = Object.keys(apiCalls) as ApiMethod[];

export function isApiMethod(value: string): value is ApiMethod {
  return Object.prototype.hasOwnProperty.call(apiCalls, value);
}

export function getCallSpec(method: ApiMethod): CallSpec {
  return apiCalls[method];
}

export { apiEvents, type ApiEventName, type ApiEventPayload } from './events.js';
