// What a simulated BACnet device answers: its Device object and object list, and the values of the
// properties a collector reads, as BACnet application data. Shared by the simulated controllers
// (the library's server side) and the simulated router (hand-encoded replies).
import { ApplicationTag, EngineeringUnits, ErrorClass, ErrorCode, ObjectType, PropertyIdentifier, Segmentation } from '@bacnet-js/client';
import { BACNET_ARRAY_ALL } from '../bacnet-library.js';

export interface DemoBacnetObject {
  type: number;
  instance: number;
  name: string;
  description?: string;
  units?: number;
  presentValue?: number;
}

export interface DemoBacnetDeviceSpec {
  instance: number;
  name: string;
  vendorName: string;
  vendorId: number;
  model: string;
  firmware: string;
  applicationVersion: string;
  location: string;
  description: string;
  /** Absent: the device does not have the Serial_Number property (older protocol revisions). */
  serial?: string;
  protocolRevision: number;
  objects: DemoBacnetObject[];
}

export interface DemoValue {
  type: number;
  value: unknown;
}

export type DemoAnswer = { values: DemoValue[] } | { error: { errorClass: number; errorCode: number } };

const str = (value: string): DemoValue => ({ type: ApplicationTag.CHARACTER_STRING, value });
const uint = (value: number): DemoValue => ({ type: ApplicationTag.UNSIGNED_INTEGER, value });
const enumerated = (value: number): DemoValue => ({ type: ApplicationTag.ENUMERATED, value });
const objectId = (type: number, instance: number): DemoValue => ({ type: ApplicationTag.OBJECTIDENTIFIER, value: { type, instance } });
const unknownProperty = (): DemoAnswer => ({ error: { errorClass: ErrorClass.PROPERTY, errorCode: ErrorCode.UNKNOWN_PROPERTY } });

export function demoObjectList(spec: DemoBacnetDeviceSpec): DemoValue[] {
  return [objectId(ObjectType.DEVICE, spec.instance), ...spec.objects.map((o) => objectId(o.type, o.instance))];
}

export function answerReadProperty(spec: DemoBacnetDeviceSpec, object: { type: number; instance: number }, property: number, index: number = BACNET_ARRAY_ALL): DemoAnswer {
  const whole = index === BACNET_ARRAY_ALL;
  if (object.type === ObjectType.DEVICE && object.instance === spec.instance) {
    if (property === PropertyIdentifier.OBJECT_LIST) {
      const list = demoObjectList(spec);
      if (whole) return { values: list };
      if (index === 0) return { values: [uint(list.length)] };
      const entry = list[index - 1];
      return entry ? { values: [entry] } : { error: { errorClass: ErrorClass.PROPERTY, errorCode: ErrorCode.INVALID_ARRAY_INDEX } };
    }
    if (!whole) return { error: { errorClass: ErrorClass.PROPERTY, errorCode: ErrorCode.PROPERTY_IS_NOT_AN_ARRAY } };
    const device: Partial<Record<number, DemoValue>> = {
      [PropertyIdentifier.OBJECT_IDENTIFIER]: objectId(ObjectType.DEVICE, spec.instance),
      [PropertyIdentifier.OBJECT_NAME]: str(spec.name),
      [PropertyIdentifier.OBJECT_TYPE]: enumerated(ObjectType.DEVICE),
      [PropertyIdentifier.VENDOR_NAME]: str(spec.vendorName),
      [PropertyIdentifier.VENDOR_IDENTIFIER]: uint(spec.vendorId),
      [PropertyIdentifier.MODEL_NAME]: str(spec.model),
      [PropertyIdentifier.FIRMWARE_REVISION]: str(spec.firmware),
      [PropertyIdentifier.APPLICATION_SOFTWARE_VERSION]: str(spec.applicationVersion),
      [PropertyIdentifier.PROTOCOL_VERSION]: uint(1),
      [PropertyIdentifier.PROTOCOL_REVISION]: uint(spec.protocolRevision),
      [PropertyIdentifier.LOCATION]: str(spec.location),
      [PropertyIdentifier.DESCRIPTION]: str(spec.description),
      [PropertyIdentifier.MAX_APDU_LENGTH_ACCEPTED]: uint(1476),
      [PropertyIdentifier.SEGMENTATION_SUPPORTED]: enumerated(Segmentation.NO_SEGMENTATION),
      ...(spec.serial !== undefined ? { [PropertyIdentifier.SERIAL_NUMBER]: str(spec.serial) } : {}),
    };
    const value = device[property];
    return value ? { values: [value] } : unknownProperty();
  }
  const o = spec.objects.find((x) => x.type === object.type && x.instance === object.instance);
  if (!o) return { error: { errorClass: ErrorClass.OBJECT, errorCode: ErrorCode.UNKNOWN_OBJECT } };
  if (!whole) return { error: { errorClass: ErrorClass.PROPERTY, errorCode: ErrorCode.PROPERTY_IS_NOT_AN_ARRAY } };
  switch (property) {
    case PropertyIdentifier.OBJECT_IDENTIFIER:
      return { values: [objectId(o.type, o.instance)] };
    case PropertyIdentifier.OBJECT_NAME:
      return { values: [str(o.name)] };
    case PropertyIdentifier.OBJECT_TYPE:
      return { values: [enumerated(o.type)] };
    case PropertyIdentifier.DESCRIPTION:
      return o.description !== undefined ? { values: [str(o.description)] } : unknownProperty();
    case PropertyIdentifier.UNITS:
      return o.units !== undefined ? { values: [enumerated(o.units)] } : unknownProperty();
    case PropertyIdentifier.PRESENT_VALUE:
      return { values: [{ type: ApplicationTag.REAL, value: o.presentValue ?? 0 }] };
    default:
      return unknownProperty();
  }
}

/** ReadPropertyMultiple results in the shape the library's encoder takes (errors per property). */
export function answerReadPropertyMultiple(
  spec: DemoBacnetDeviceSpec,
  request: Array<{ objectId: { type: number; instance: number }; properties: Array<{ id: number; index: number }> }>,
): Array<{ objectId: { type: number; instance: number }; values: Array<{ property: { id: number; index: number }; value: unknown[] }> }> {
  return request.map((r) => ({
    objectId: r.objectId,
    values: r.properties.map((p) => {
      const answer = answerReadProperty(spec, r.objectId, p.id, p.index);
      const value = 'values' in answer ? answer.values : [{ value: { type: 'BacnetError', errorClass: answer.error.errorClass, errorCode: answer.error.errorCode } }];
      return { property: { id: p.id, index: p.index }, value };
    }),
  }));
}

// --- the demo plant's controllers ------------------------------------------------------------------

const AI = ObjectType.ANALOG_INPUT;
const AO = ObjectType.ANALOG_OUTPUT;
const AV = ObjectType.ANALOG_VALUE;
const BI = ObjectType.BINARY_INPUT;
const BO = ObjectType.BINARY_OUTPUT;
const U = EngineeringUnits;

export function demoAhuController(instance = 1001): DemoBacnetDeviceSpec {
  return {
    instance,
    name: 'AHU-1 Controller',
    vendorName: 'Fieldwise Demo Controls',
    vendorId: 999,
    model: 'FDC-AHU 400',
    firmware: '4.2.1',
    applicationVersion: 'AHU app 2.3',
    location: 'Plant room 1, level B1',
    description: 'Air handling unit 1, supply and extract',
    serial: 'FDC-AHU-0042',
    protocolRevision: 22,
    objects: [
      { type: AI, instance: 1, name: 'AHU1-SAT', description: 'Supply air temperature', units: U.DEGREES_CELSIUS, presentValue: 16.5 },
      { type: AI, instance: 2, name: 'AHU1-RAT', description: 'Return air temperature', units: U.DEGREES_CELSIUS, presentValue: 21.2 },
      { type: AI, instance: 3, name: 'AHU1-OAT', description: 'Outside air temperature', units: U.DEGREES_CELSIUS, presentValue: 8.9 },
      { type: AI, instance: 4, name: 'AHU1-SAP', description: 'Supply duct static pressure', units: U.PASCALS, presentValue: 310 },
      { type: AI, instance: 5, name: 'AHU1-RH', description: 'Return air humidity', units: U.PERCENT_RELATIVE_HUMIDITY, presentValue: 41 },
      { type: AO, instance: 1, name: 'AHU1-CHW-VLV', description: 'Chilled water valve', units: U.PERCENT, presentValue: 35 },
      { type: AO, instance: 2, name: 'AHU1-HW-VLV', description: 'Heating water valve', units: U.PERCENT, presentValue: 0 },
      { type: AO, instance: 3, name: 'AHU1-SF-SPD', description: 'Supply fan speed', units: U.PERCENT, presentValue: 72 },
      { type: AV, instance: 1, name: 'AHU1-SAT-SP', description: 'Supply air temperature set point', units: U.DEGREES_CELSIUS, presentValue: 16 },
      { type: BI, instance: 1, name: 'AHU1-SF-STS', description: 'Supply fan status' },
      { type: BI, instance: 2, name: 'AHU1-FILTER', description: 'Filter differential pressure alarm' },
      { type: BO, instance: 1, name: 'AHU1-SF-CMD', description: 'Supply fan command' },
    ],
  };
}

export function demoVavController(instance = 2001, name = 'VAV-L2-07'): DemoBacnetDeviceSpec {
  return {
    instance,
    name,
    vendorName: 'Fieldwise Demo Controls',
    vendorId: 999,
    model: 'FDC-VAV 110',
    firmware: '2.0.7',
    applicationVersion: 'VAV app 1.9',
    location: 'Level 2, east open office',
    description: 'VAV box with reheat',
    serial: `FDC-VAV-${String(instance).padStart(5, '0')}`,
    protocolRevision: 14,
    objects: [
      { type: AI, instance: 1, name: `${name}-ZNT`, description: 'Zone temperature', units: U.DEGREES_CELSIUS, presentValue: 22.1 },
      { type: AI, instance: 2, name: `${name}-FLOW`, description: 'Airflow', units: U.LITERS_PER_SECOND, presentValue: 180 },
      { type: AO, instance: 1, name: `${name}-DMPR`, description: 'Damper position', units: U.PERCENT, presentValue: 40 },
      { type: AV, instance: 1, name: `${name}-ZNT-SP`, description: 'Zone set point', units: U.DEGREES_CELSIUS, presentValue: 22 },
      { type: BO, instance: 1, name: `${name}-RHT`, description: 'Reheat enable' },
    ],
  };
}

export function demoBoilerController(instance = 3001): DemoBacnetDeviceSpec {
  return {
    instance,
    name: 'Boiler Plant Controller',
    vendorName: 'Fieldwise Demo Controls',
    vendorId: 999,
    model: 'FDC-BLR 900',
    firmware: '5.1.0',
    applicationVersion: 'Boiler sequence 3.0',
    location: 'Boiler house',
    description: 'Two-boiler lead/lag sequence',
    // An older device: no Serial_Number property.
    protocolRevision: 12,
    objects: [
      { type: AI, instance: 1, name: 'BLR-LWT', description: 'Leaving water temperature', units: U.DEGREES_CELSIUS, presentValue: 71 },
      { type: AI, instance: 2, name: 'BLR-EWT', description: 'Entering water temperature', units: U.DEGREES_CELSIUS, presentValue: 58 },
      { type: AI, instance: 3, name: 'BLR-GAS', description: 'Gas pressure', units: U.KILOPASCALS, presentValue: 2.1 },
      { type: AV, instance: 1, name: 'BLR-LWT-SP', description: 'Flow temperature set point', units: U.DEGREES_CELSIUS, presentValue: 70 },
      { type: BI, instance: 1, name: 'BLR1-RUN', description: 'Boiler 1 running' },
      { type: BI, instance: 2, name: 'BLR2-RUN', description: 'Boiler 2 running' },
      { type: BO, instance: 1, name: 'BLR-ENABLE', description: 'Plant enable' },
    ],
  };
}

/** A device with `count` analog inputs, for browsing limits and benchmarks. */
export function demoLargeController(instance: number, count: number): DemoBacnetDeviceSpec {
  return {
    ...demoVavController(instance, `BIG-${instance}`),
    model: 'FDC-SUP 5000',
    objects: Array.from({ length: count }, (_, i) => ({ type: AI, instance: i + 1, name: `POINT-${i + 1}`, description: `Sensor ${i + 1}`, units: U.DEGREES_CELSIUS, presentValue: 20 })),
  };
}
