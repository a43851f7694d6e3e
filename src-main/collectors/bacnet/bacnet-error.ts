// What went wrong with one BACnet request, in the collector's terms. The library reports protocol
// replies as Error objects with a message ("BacnetError - Class:2 - Code:32", "BacnetAbort -
// Reason:4", "ERR_TIMEOUT"); the channel throws DeviceChannelError; anything else (a reply that
// would not decode) is malformed.
import { ErrorClass, ErrorCode, AbortReason } from '@bacnet-js/client';
import type { CollectorFailure } from '../collector.js';
import { DeviceChannelError } from '../sweep/device-channel.js';

export type BacnetErrorReason = 'error' | 'abort' | 'timeout' | 'malformed' | 'refused' | 'breaker_open' | 'cancelled';

export interface BacnetErrorInfo {
  reason: BacnetErrorReason;
  detail: string;
  errorClass?: number;
  errorCode?: number;
}

const ERROR_PATTERN = /^BacnetError - Class:(\d+) - Code:(\d+)/;
const ABORT_PATTERN = /^BacnetAbort - Reason:(\d+)/;

export function classifyBacnetError(error: unknown): BacnetErrorInfo {
  if (error instanceof DeviceChannelError) return { reason: error.reason, detail: error.message };
  const message = error instanceof Error ? error.message : String(error);
  const bacnetError = ERROR_PATTERN.exec(message);
  if (bacnetError) {
    const errorClass = Number(bacnetError[1]);
    const errorCode = Number(bacnetError[2]);
    return { reason: 'error', errorClass, errorCode, detail: `the device answered Error ${enumName(ErrorClass, errorClass)}/${enumName(ErrorCode, errorCode)}` };
  }
  const abort = ABORT_PATTERN.exec(message);
  if (abort) return { reason: 'abort', detail: `the device rejected or aborted the request (${enumName(AbortReason, Number(abort[1]))})` };
  if (message === 'ERR_TIMEOUT') return { reason: 'timeout', detail: 'no reply' };
  return { reason: 'malformed', detail: `the reply could not be read (${message.slice(0, 120)})` };
}

/** An Error, Reject or Abort PDU: the device is alive and answering, it just will not do this. */
export function isProtocolReply(error: unknown): boolean {
  const reason = classifyBacnetError(error).reason;
  return reason === 'error' || reason === 'abort' || reason === 'refused';
}

export function toCollectorFailure(error: unknown, section: string, where: string): CollectorFailure {
  const info = classifyBacnetError(error);
  return { reason: info.reason, detail: `${where}: ${info.detail}`, section };
}

/** "unknown-property" for ErrorCode.UNKNOWN_PROPERTY; the number when the enum has no name. */
export function enumName(table: object, value: number): string {
  const name = (table as Record<number, string | undefined>)[value];
  return typeof name === 'string' ? name.toLowerCase().replace(/_/g, '-') : String(value);
}
