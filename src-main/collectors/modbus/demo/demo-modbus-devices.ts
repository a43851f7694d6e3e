// The demo plant's devices: two PLCs answering Device Identification (one matching the shipped
// Modicon-like profile, with its serial in holding registers), a SunSpec inverter (SunS, common
// model, model 103, nameplate model 120, end marker) and a serial gateway with two drives and an
// energy meter behind unit ids 1–3. Vendor strings are realistic; serials are made up.
import { floatRegistersLowWordFirst, textRegisters, uint32Registers, type DemoModbusDevice, type DemoModbusUnit } from './demo-modbus-device.js';

const ramp = (n: number, seed: number): number[] => Array.from({ length: n }, (_, i) => (seed * 7919 + i * 31) & 0xffff);

export function demoModiconPlc(name = 'plc1', serial = '21224A0173'): DemoModbusDevice {
  const unit: DemoModbusUnit = {
    identification: {
      0x00: 'Schneider Electric',
      0x01: 'BMX P34 2020',
      0x02: 'v3.20',
      0x03: 'www.se.com',
      0x04: 'Modicon M340',
      0x05: 'BMX P34 2020 CPU',
      0x06: 'PUMP_STATION_1',
      0x80: 'HW PV05',
      0x81: 'Ethernet module BMX NOE 0100',
    },
    holding: [
      // A general block for deep browsing, then the profile's identity and configuration block.
      { start: 0, values: ramp(300, 1) },
      { start: 1000, values: [...textRegisters(serial, 8), 0, 0, 100, 100, ...uint32Registers(250), 0, 0, 0, 0, 0, 0, ...textRegisters('PUMP_STN_1', 10), ...Array<number>(10).fill(0)] },
    ],
    input: [{ start: 0, values: ramp(50, 2) }],
    coils: Array.from({ length: 64 }, (_, i) => i % 3 === 0),
    discreteInputs: Array.from({ length: 32 }, (_, i) => i % 2 === 0),
    expected: { vendor: 'Schneider Electric', model: 'BMX P34 2020 CPU', firmware: 'v3.20', serial, assetClass: 'plc' },
  };
  return { name, units: { 1: unit }, gateway: false };
}

export function demoWagoLikePlc(name = 'plc2'): DemoModbusDevice {
  const unit: DemoModbusUnit = {
    identification: { 0x00: 'WAGO GmbH & Co. KG', 0x01: '750-8212', 0x02: '03.10.08(22)', 0x03: 'www.wago.com', 0x04: 'PFC200 G2', 0x05: '750-8212/000-100' },
    holding: [{ start: 0, values: ramp(100, 3) }],
    expected: { vendor: 'WAGO GmbH & Co. KG', model: '750-8212/000-100', firmware: '03.10.08(22)', assetClass: 'plc' },
  };
  return { name, units: { 1: unit }, gateway: false };
}

/** SunSpec registers from 40000: SunS, common model (66), model 103 (50), model 120 (26), end marker. */
export function sunspecRegisters(common: { Mn: string; Md: string; Opt: string; Vr: string; SN: string; DA: number }): number[] {
  const model1 = [1, 66, ...textRegisters(common.Mn, 16), ...textRegisters(common.Md, 16), ...textRegisters(common.Opt, 8), ...textRegisters(common.Vr, 8), ...textRegisters(common.SN, 16), common.DA, 0];
  const model103 = [103, 50, ...Array<number>(50).fill(0)];
  // W = 7350 (offset 14), W_SF = 0, Hz = 5001, Hz_SF = -2 (offsets 16, 17).
  model103[14] = 7350;
  model103[15] = 0;
  model103[16] = 5001;
  model103[17] = 0xfffe;
  const model120 = [120, 26, ...Array<number>(26).fill(0)];
  return [0x5375, 0x6e53, ...model1, ...model103, ...model120, 0xffff, 0];
}

export function demoSunspecInverter(name = 'inverter1', serial = '30123456'): DemoModbusDevice {
  const common = { Mn: 'Fronius', Md: 'Symo 10.0-3-M', Opt: 'DATAMANAGER', Vr: '3.14.1-3', SN: serial, DA: 1 };
  // No function 43 (many inverters have none): identity comes from SunSpec.
  const unit: DemoModbusUnit = {
    holding: [{ start: 40000, values: sunspecRegisters(common) }],
    expected: { vendor: 'Fronius', model: 'Symo 10.0-3-M', firmware: '3.14.1-3', serial, assetClass: 'iot_device' },
  };
  return { name, units: { 1: unit }, gateway: false };
}

function demoDrive(serial: string, currentA: number): DemoModbusUnit {
  return {
    identification: { 0x00: 'ABB', 0x01: 'ACS580-01-12A7-4', 0x02: '2.15.0.1', 0x04: 'ACS580' },
    holding: [
      { start: 4000, values: [...textRegisters(serial, 10), ...textRegisters('ASCD2 2.15', 6)] },
      { start: 4100, values: [...floatRegistersLowWordFirst(currentA), 1450, 200, 150, ...Array<number>(11).fill(0)] },
    ],
    expected: { vendor: 'ABB', model: 'ACS580', firmware: 'ASCD2 2.15', serial, assetClass: 'drive' },
  };
}

export function demoSerialGateway(name = 'gateway1'): DemoModbusDevice {
  const meter: DemoModbusUnit = { holding: [{ start: 0, values: ramp(50, 9) }], expected: { assetClass: 'plc' } };
  return { name, units: { 1: demoDrive('Y2D1234567', 12.7), 2: demoDrive('Y2D7654321', 25.5), 3: meter }, gateway: true };
}

export function defaultDemoModbusDevices(): DemoModbusDevice[] {
  return [demoModiconPlc(), demoWagoLikePlc(), demoSunspecInverter(), demoSerialGateway()];
}
