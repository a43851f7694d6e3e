// Typed errors of the Modbus collector. A reason the UI can explain, a detail safe to show (it says
// what and where, never a secret), and for exception replies the Modbus exception code.
export const MODBUS_ERROR_REASONS = ['exception', 'malformed', 'network', 'no_response', 'timeout', 'refused', 'breaker_open', 'cancelled', 'limit'] as const;
export type ModbusErrorReason = (typeof MODBUS_ERROR_REASONS)[number];

export const MODBUS_EXCEPTION_NAMES: Readonly<Record<number, string>> = {
  1: 'illegal function',
  2: 'illegal data address',
  3: 'illegal data value',
  4: 'server device failure',
  5: 'acknowledge',
  6: 'server device busy',
  8: 'memory parity error',
  10: 'gateway path unavailable',
  11: 'gateway target device failed to respond',
};

export class ModbusError extends Error {
  override readonly name = 'ModbusError';
  constructor(
    readonly reason: ModbusErrorReason,
    readonly detail: string,
    /** The exception code of an exception reply. */
    readonly exceptionCode?: number,
  ) {
    super(detail);
  }
}

export function isModbusError(error: unknown): error is ModbusError {
  return error instanceof ModbusError;
}

export function exceptionError(functionCode: number, exceptionCode: number): ModbusError {
  const name = MODBUS_EXCEPTION_NAMES[exceptionCode] ?? 'unknown exception';
  return new ModbusError('exception', `function ${functionCode}: exception ${exceptionCode} (${name})`, exceptionCode);
}

/** Exception 1 (illegal function) or 2 (illegal data address): the device does not offer this. */
export function isNotOffered(error: unknown): boolean {
  return isModbusError(error) && error.reason === 'exception' && (error.exceptionCode === 1 || error.exceptionCode === 2);
}

/** Exceptions 10/11: a gateway saying nothing answers behind it at this unit id. */
export function isGatewayMiss(error: unknown): boolean {
  return isModbusError(error) && error.reason === 'exception' && (error.exceptionCode === 10 || error.exceptionCode === 11);
}
