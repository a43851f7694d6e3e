// One simulated device on loopback, built from modbus-serial's ServerTCP: its vector answers reads
// from the device's blocks, Read Device Identification from its objects, and with Modbus
// exceptions where a real device would (illegal address outside the blocks, illegal function
// without identification, "target failed to respond" for a gateway's unknown unit ids).
import { ServerTCP, type IServiceVector } from 'modbus-serial';
import { registerAt, type DemoModbusDevice, type DemoModbusUnit } from './demo-modbus-device.js';

/** The server's FC43 handler exists but is missing from modbus-serial's type definitions. */
interface DemoServiceVector extends IServiceVector {
  readDeviceIdentification: (unitId: number) => Promise<Record<number, string>>;
}

export interface DemoModbusServer {
  host: string;
  port: number;
  close(): Promise<void>;
}

class ModbusException extends Error {
  constructor(readonly modbusErrorCode: number) {
    super(`modbus exception ${modbusErrorCode}`);
  }
}

export function startDemoModbusServer(device: DemoModbusDevice, host: string, port: number): Promise<DemoModbusServer> {
  const unitOf = (unitId: number): DemoModbusUnit => {
    const unit = device.units[unitId];
    if (unit) return unit;
    // Reached only on a gateway (a PLC's server drops other unit ids before the vector is asked).
    throw new ModbusException(0x0b);
  };
  const register = (blocks: readonly { start: number; values: readonly number[] }[] | undefined, address: number): number => {
    const value = blocks ? registerAt(blocks, address) : undefined;
    if (value === undefined) throw new ModbusException(0x02);
    return value;
  };
  const bit = (bits: readonly boolean[] | undefined, address: number): boolean => {
    const value = bits?.[address];
    if (value === undefined) throw new ModbusException(0x02);
    return value;
  };
  const many = (blocks: readonly { start: number; values: readonly number[] }[] | undefined, address: number, length: number): number[] =>
    Array.from({ length }, (_, i) => register(blocks, address + i));
  const vector: DemoServiceVector = {
    getHoldingRegister: (address: number, unitId: number) => register(unitOf(unitId).holding, address),
    getMultipleHoldingRegisters: (address: number, length: number, unitId: number) => many(unitOf(unitId).holding, address, length),
    getInputRegister: (address: number, unitId: number) => register(unitOf(unitId).input, address),
    getMultipleInputRegisters: (address: number, length: number, unitId: number) => many(unitOf(unitId).input, address, length),
    getCoil: (address: number, unitId: number) => bit(unitOf(unitId).coils, address),
    getDiscreteInput: (address: number, unitId: number) => bit(unitOf(unitId).discreteInputs, address),
    // Async: the server handles a rejected promise, but not a synchronous throw, from this handler.
    readDeviceIdentification: async (unitId: number) => {
      const identification = unitOf(unitId).identification;
      if (!identification) throw new ModbusException(0x01);
      return { ...identification };
    },
  };
  return new Promise((resolve, reject) => {
    // A PLC answers only its own unit id (others get no reply, like many controllers); unit 255 = all.
    const server = new ServerTCP(vector, { host, port, unitID: device.gateway ? 255 : singleUnit(device) });
    const onError = (error: unknown): void => {
      server.close(() => undefined);
      reject(error instanceof Error ? error : new Error(String(error)));
    };
    server.once('serverError', onError);
    server.on('socketError', () => undefined);
    server.on('error', () => undefined);
    server.once('initialized', () => {
      server.removeListener('serverError', onError);
      server.on('serverError', () => undefined);
      resolve({ host, port, close: () => new Promise<void>((done) => server.close(() => done())) });
    });
  });
}

function singleUnit(device: DemoModbusDevice): number {
  const ids = Object.keys(device.units).map(Number);
  return ids.length === 1 && ids[0] !== undefined && ids[0] > 0 ? ids[0] : 255;
}
