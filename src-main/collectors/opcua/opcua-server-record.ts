// What the OPC UA collector read from one server, before normalisation. Plain data: the normaliser
// turns it into observations, and raw keeps it for evidence and later drift detection.

export interface OpcuaEndpointSummary {
  endpointUrl: string;
  securityMode: 'None' | 'Sign' | 'SignAndEncrypt' | 'Invalid';
  /** Short policy name ('None', 'Basic256Sha256', 'Aes128_Sha256_RsaOaep', ...). */
  securityPolicy: string;
  securityLevel: number;
  /** 'Anonymous', 'UserName', 'Certificate', 'IssuedToken'. */
  userTokenTypes: string[];
}

export interface OpcuaServerCertificateSummary {
  thumbprint: string;
  subject: string;
  applicationUri: string | null;
  validFrom: string | null;
  validTo: string | null;
  expired: boolean;
}

export interface OpcuaBuildInfo {
  productName: string | null;
  productUri: string | null;
  manufacturerName: string | null;
  softwareVersion: string | null;
  buildNumber: string | null;
  buildDate: string | null;
}

export interface OpcuaOperationLimits {
  /** 0 = the server states no limit (the collector then uses its own cap). */
  maxNodesPerRead: number;
  maxNodesPerBrowse: number;
  maxBrowseContinuationPoints: number;
  maxNodesPerTranslateBrowsePathsToNodeIds: number;
}

export interface OpcuaDevice {
  /** The device object's node id on the gateway, e.g. "ns=2;i=1001". */
  nodeId: string;
  browseName: string;
  displayName: string | null;
  manufacturer: string | null;
  model: string | null;
  serialNumber: string | null;
  hardwareRevision: string | null;
  softwareRevision: string | null;
  deviceRevision: string | null;
  productInstanceUri: string | null;
}

export interface OpcuaBrowseSummary {
  /** Distinct nodes reached from the Objects folder (the folder itself not counted). */
  nodeCount: number;
  /** Nodes per namespace URI. */
  nodesPerNamespace: Record<string, number>;
  variableCount: number;
  maxDepthReached: number;
  /** True when maxNodes or maxDepth stopped the walk before the address space ended. */
  truncated: boolean;
  /** SHA-256 of the sorted (parent, reference, browse name, node class, data type) lines. */
  structureHash: string;
  browseRequests: number;
  browseNextRequests: number;
  readRequests: number;
  continuationPointsReleased: number;
}

export interface OpcuaServerRecord {
  host: string;
  port: number;
  endpointUrl: string;
  applicationUri: string | null;
  productUri: string | null;
  applicationName: string | null;
  /** 'Server', 'Client', 'ClientAndServer', 'DiscoveryServer'. */
  applicationType: string | null;
  discoveryUrls: string[];
  endpoints: OpcuaEndpointSummary[];
  serverCertificate: OpcuaServerCertificateSummary | null;
  /** The endpoint the session used. */
  session: { securityMode: string; securityPolicy: string; userTokenType: string } | null;
  buildInfo: OpcuaBuildInfo | null;
  serverState: string | null;
  startTime: string | null;
  namespaces: string[];
  operationLimits: OpcuaOperationLimits | null;
  devices: OpcuaDevice[];
  browse: OpcuaBrowseSummary | null;
}
