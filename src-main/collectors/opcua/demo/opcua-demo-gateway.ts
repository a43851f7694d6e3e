// A simulated OPC UA gateway on 127.0.0.1, built with node-opcua's own server: BuildInfo, a
// DeviceSet (Devices companion specification, DI namespace) of PLCs with their identification
// properties, a large address space of folders of variables for deep browsing, operation limits like
// a small embedded server's (100 nodes per read, 1,000 per browse), user/password users, and
// security None plus Basic256Sha256 Sign / SignAndEncrypt endpoints. Loopback only. Counts the
// requests it serves by type, so tests can check batching against the limits.
//
// The server's certificate is created once into a PKI folder (about 14 s on a cold start) and
// reused: tests and benchmarks share `defaultDemoPkiDir()` under the OS temp folder. DEMO ONLY.
import { randomInt } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { DataType, MessageSecurityMode, nodesets, OPCUACertificateManager, OPCUAServer, SecurityPolicy, type Namespace, type UAObject } from 'node-opcua';

export const DI_NAMESPACE_URI = 'http://opcfoundation.org/UA/DI/';
export const DEMO_GATEWAY_APPLICATION_URI = 'urn:fieldwise:demo:opcua-gateway';
export const DEMO_GATEWAY_USER = { userName: 'operator', password: 'demo-password' } as const;

export interface DemoOpcuaDevice {
  name: string;
  manufacturer: string;
  model: string;
  serialNumber: string;
  hardwareRevision: string;
  softwareRevision: string;
  deviceRevision: string;
  productInstanceUri: string;
}

export const DEMO_OPCUA_DEVICES: readonly DemoOpcuaDevice[] = [
  {
    name: 'PLC-Line1',
    manufacturer: 'Siemens',
    model: 'S7-1516-3 PN/DP',
    serialNumber: 'S C-H4N812345',
    hardwareRevision: '2',
    softwareRevision: 'V2.9.4',
    deviceRevision: '1',
    productInstanceUri: 'urn:siemens:s7-1500:S C-H4N812345',
  },
  {
    name: 'PLC-Line2',
    manufacturer: 'Rockwell Automation',
    model: '1756-L83E ControlLogix',
    serialNumber: '60A1B2C3',
    hardwareRevision: 'B',
    softwareRevision: '33.011',
    deviceRevision: '1',
    productInstanceUri: 'urn:rockwell:controllogix:60A1B2C3',
  },
  {
    name: 'PLC-Packaging',
    manufacturer: 'Beckhoff Automation',
    model: 'CX5140',
    serialNumber: 'BK-0042-7781',
    hardwareRevision: '1.4',
    softwareRevision: 'TC3.1.4024.35',
    deviceRevision: '3',
    productInstanceUri: 'urn:beckhoff:cx5140:BK-0042-7781',
  },
  {
    name: 'PLC-Utilities',
    manufacturer: 'Schneider Electric',
    model: 'BMEP584040 M580',
    serialNumber: '8A12-0099',
    hardwareRevision: 'PV 05',
    softwareRevision: 'SV 4.10',
    deviceRevision: '2',
    productInstanceUri: 'urn:schneider:m580:8A12-0099',
  },
];

export const DEMO_GATEWAY_BUILD_INFO = {
  productName: 'Fieldwise Demo OPC UA Gateway',
  productUri: 'urn:fieldwise:demo:opcua-gateway:product',
  manufacturerName: 'Fieldwise Demo Automation',
  softwareVersion: '3.4.1',
  buildNumber: '2026.11.17',
  buildDate: new Date('2026-11-17T09:30:00Z'),
} as const;

export interface DemoOpcuaGatewayOptions {
  host?: string;
  /** Default: a random free high port. */
  port?: number;
  /** Variables in the generated address space (folders of 100 variables), default 1,000. */
  nodeCount?: number;
  /** Where the server keeps its certificate; default `defaultDemoPkiDir()`. */
  pkiDir?: string;
  devices?: readonly DemoOpcuaDevice[];
  maxNodesPerRead?: number;
  maxNodesPerBrowse?: number;
  /** Accept any client certificate (a demo convenience; a real server asks its operator). */
  acceptAnyClientCertificate?: boolean;
}

export interface DemoOpcuaGateway {
  endpoint: string;
  host: string;
  port: number;
  applicationUri: string;
  devices: readonly DemoOpcuaDevice[];
  /** Variables generated in the large address space. */
  nodeCount: number;
  limits: { maxNodesPerRead: number; maxNodesPerBrowse: number };
  /** Requests served, by request type name ('ReadRequest', 'BrowseRequest', ...). */
  requestCounts: Map<string, number>;
  /** The most nodes seen in one Read / Browse request. */
  largestRead: () => number;
  largestBrowse: () => number;
  close(): Promise<void>;
}

/** The shared PKI folder for demo servers: created once per node-opcua version, reused after. */
export function defaultDemoPkiDir(): string {
  return path.join(os.tmpdir(), 'fieldwise-opcua-pki-2.182.2', 'demo-server');
}

export async function startDemoOpcuaGateway(options: DemoOpcuaGatewayOptions = {}): Promise<DemoOpcuaGateway> {
  const host = options.host ?? '127.0.0.1';
  if (!/^127\./.test(host)) throw new Error(`the demo OPC UA gateway listens on loopback only, not ${host}`);
  const pkiDir = options.pkiDir ?? defaultDemoPkiDir();
  const devices = options.devices ?? DEMO_OPCUA_DEVICES;
  const nodeCount = options.nodeCount ?? 1000;
  const maxNodesPerRead = options.maxNodesPerRead ?? 100;
  const maxNodesPerBrowse = options.maxNodesPerBrowse ?? 1000;
  const serverCertificateManager = new OPCUACertificateManager({
    rootFolder: pkiDir,
    automaticallyAcceptUnknownCertificate: options.acceptAnyClientCertificate ?? true,
  });
  const userCertificateManager = new OPCUACertificateManager({ rootFolder: path.join(pkiDir, 'users'), automaticallyAcceptUnknownCertificate: true });
  await serverCertificateManager.initialize();
  await userCertificateManager.initialize();

  let lastError: unknown;
  for (let attempt = 0; attempt < 8; attempt += 1) {
    const port = options.port ?? randomInt(20_000, 60_000);
    const server = new OPCUAServer({
      port,
      host,
      hostname: host,
      nodesets: [nodesets.standard, nodesets.di],
      serverCertificateManager,
      userCertificateManager,
      certificateFile: path.join(pkiDir, 'own', 'certs', 'demo_gateway_certificate.pem'),
      privateKeyFile: path.join(pkiDir, 'own', 'private', 'private_key.pem'),
      securityModes: [MessageSecurityMode.None, MessageSecurityMode.Sign, MessageSecurityMode.SignAndEncrypt],
      securityPolicies: [SecurityPolicy.None, SecurityPolicy.Basic256Sha256],
      allowAnonymous: true,
      disableDiscovery: true,
      serverInfo: {
        applicationUri: DEMO_GATEWAY_APPLICATION_URI,
        productUri: DEMO_GATEWAY_BUILD_INFO.productUri,
        applicationName: { text: 'Fieldwise Demo OPC UA Gateway' },
      },
      buildInfo: { ...DEMO_GATEWAY_BUILD_INFO },
      userManager: { isValidUser: (userName: string, password: string) => userName === DEMO_GATEWAY_USER.userName && password === DEMO_GATEWAY_USER.password },
      serverCapabilities: {
        maxBrowseContinuationPoints: 10,
        operationLimits: { maxNodesPerRead, maxNodesPerBrowse, maxNodesPerTranslateBrowsePathsToNodeIds: 100 },
      },
    });
    try {
      await server.initialize();
      populate(server, devices, nodeCount);
      const requestCounts = new Map<string, number>();
      let largestRead = 0;
      let largestBrowse = 0;
      server.on('request', (request: { constructor: { name: string }; nodesToRead?: unknown[]; nodesToBrowse?: unknown[] }) => {
        const name = request.constructor.name;
        requestCounts.set(name, (requestCounts.get(name) ?? 0) + 1);
        if (request.nodesToRead) largestRead = Math.max(largestRead, request.nodesToRead.length);
        if (request.nodesToBrowse) largestBrowse = Math.max(largestBrowse, request.nodesToBrowse.length);
      });
      await server.start();
      return {
        endpoint: `opc.tcp://${host}:${port}`,
        host,
        port,
        applicationUri: DEMO_GATEWAY_APPLICATION_URI,
        devices,
        nodeCount,
        limits: { maxNodesPerRead, maxNodesPerBrowse },
        requestCounts,
        largestRead: () => largestRead,
        largestBrowse: () => largestBrowse,
        close: async () => {
          await server.shutdown(0);
        },
      };
    } catch (error) {
      lastError = error;
      await server.shutdown(0).catch(() => undefined);
      if (options.port !== undefined) break;
    }
  }
  throw new Error(`could not start the demo OPC UA gateway on ${host}: ${String(lastError)}`);
}

function populate(server: OPCUAServer, devices: readonly DemoOpcuaDevice[], nodeCount: number): void {
  const addressSpace = server.engine.addressSpace;
  if (!addressSpace) throw new Error('the demo server has no address space');
  const own = addressSpace.getOwnNamespace();
  const diIndex = addressSpace.getNamespaceIndex(DI_NAMESPACE_URI);
  const deviceSet = addressSpace.findNode(`ns=${diIndex};i=5001`) as UAObject | null;
  if (!deviceSet) throw new Error('the DI nodeset has no DeviceSet');
  for (const device of devices) addDevice(own, diIndex, deviceSet, device);

  const plant = own.addFolder(addressSpace.rootFolder.objects, { browseName: 'Plant' });
  const perFolder = 100;
  for (let folderIndex = 0; folderIndex * perFolder < nodeCount; folderIndex += 1) {
    const folder = own.addFolder(plant, { browseName: `Area${String(folderIndex).padStart(4, '0')}`, nodeId: `s=Plant.Area${folderIndex}` });
    const count = Math.min(perFolder, nodeCount - folderIndex * perFolder);
    for (let i = 0; i < count; i += 1) {
      own.addVariable({
        componentOf: folder,
        browseName: `Tag${String(i).padStart(3, '0')}`,
        nodeId: `s=Plant.Area${folderIndex}.Tag${i}`,
        dataType: DataType.Double,
        value: { dataType: DataType.Double, value: folderIndex + i / 100 },
      });
    }
  }
}

function addDevice(own: Namespace, diIndex: number, deviceSet: UAObject, device: DemoOpcuaDevice): void {
  const object = own.addObject({ browseName: device.name, componentOf: deviceSet });
  const property = (name: string, value: string): void => {
    own.addVariable({
      propertyOf: object,
      browseName: { name, namespaceIndex: diIndex },
      dataType: DataType.String,
      value: { dataType: DataType.String, value },
    });
  };
  property('Manufacturer', device.manufacturer);
  property('Model', device.model);
  property('SerialNumber', device.serialNumber);
  property('HardwareRevision', device.hardwareRevision);
  property('SoftwareRevision', device.softwareRevision);
  property('DeviceRevision', device.deviceRevision);
  property('ProductInstanceUri', device.productInstanceUri);
}
