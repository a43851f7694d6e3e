// The slice of net-snmp (which ships no types) that Fieldwise uses. The manager-side Session is
// declared with read operations only: set, trap and inform are deliberately absent, so code that
// tries to call them does not compile. snmp-safety-guard.ts is the only module that opens sessions.
declare module 'net-snmp' {
  import type { EventEmitter } from 'node:events';
  import type { Socket } from 'node:dgram';

  export const Version1: 0;
  export const Version2c: 1;
  export const Version3: 3;
  export type VersionNumber = 0 | 1 | 3;

  export const ObjectType: {
    readonly Boolean: 1;
    readonly Integer: 2;
    readonly OctetString: 4;
    readonly Null: 5;
    readonly OID: 6;
    readonly IpAddress: 64;
    readonly Counter: 65;
    readonly Gauge: 66;
    readonly TimeTicks: 67;
    readonly Opaque: 68;
    readonly Integer32: 2;
    readonly Counter32: 65;
    readonly Gauge32: 66;
    readonly Unsigned32: 66;
    readonly Counter64: 70;
    readonly NoSuchObject: 128;
    readonly NoSuchInstance: 129;
    readonly EndOfMibView: 130;
  };

  export const SecurityLevel: { readonly noAuthNoPriv: 1; readonly authNoPriv: 2; readonly authPriv: 3 };
  export const AuthProtocols: Readonly<Record<'none' | 'md5' | 'sha' | 'sha224' | 'sha256' | 'sha384' | 'sha512', string>>;
  export const PrivProtocols: Readonly<Record<'none' | 'des' | 'aes' | 'aes256b' | 'aes256r', string>>;
  export const MibProviderType: { readonly Scalar: string; readonly Table: string };
  export const MaxAccess: Readonly<Record<'not-accessible' | 'accessible-for-notify' | 'read-only' | 'read-write' | 'read-create', number>>;
  export const ResponseInvalidCode: Readonly<Record<string, number>>;

  export type VarbindValue = string | number | bigint | boolean | Buffer | null;

  export interface Varbind {
    oid: string;
    type: number;
    value: VarbindValue;
  }

  export function isVarbindError(varbind: Varbind): boolean;

  export interface SnmpUser {
    name: string;
    level: number;
    authProtocol?: string;
    authKey?: string;
    privProtocol?: string;
    privKey?: string;
  }

  export interface SessionOptions {
    port?: number;
    retries?: number;
    timeout?: number;
    backoff?: number;
    transport?: 'udp4' | 'udp6';
    version?: VersionNumber;
    idBitsSize?: 16 | 32;
    backwardsGetNexts?: boolean;
    reportOidMismatchErrors?: boolean;
    engineID?: string;
    context?: string;
  }

  export type ResponseCallback<T> = (error: Error | null, result: T) => void;

  /** Manager session: read operations only (see the module comment). */
  export interface Session extends EventEmitter {
    readonly dgram: Socket;
    /** Per-request timeout; read when a request is created, so it can be set before each one. */
    timeout: number;
    /** Outstanding requests by request id (internal; read to tell matched replies from strays). */
    readonly reqs: Readonly<Record<string, unknown>>;
    /** Set after SNMPv3 engine discovery. */
    readonly msgSecurityParameters?: { msgAuthoritativeEngineID?: Buffer };
    get(oids: string[], callback: ResponseCallback<Varbind[]>): Session;
    getNext(oids: string[], callback: ResponseCallback<Varbind[]>): Session;
    getBulk(oids: string[], nonRepeaters: number, maxRepetitions: number, callback: ResponseCallback<Array<Varbind | Varbind[]>>): Session;
    cancelRequests(error: Error): void;
    close(): Session;
  }

  export function createSession(target: string, community: string, options?: SessionOptions): Session;
  export function createV3Session(target: string, user: SnmpUser, options?: SessionOptions): Session;

  export class ResponseInvalidError extends Error {
    code: number;
  }
  export class RequestTimedOutError extends Error {}
  export class RequestFailedError extends Error {
    status: number;
  }

  // ---- Agent side (demo network and tests only) ----

  export interface MibTableColumn {
    number: number;
    name: string;
    type: number;
    maxAccess: number;
  }

  export interface MibTableIndexEntry {
    columnName: string;
    /** Name of the provider whose column this index comes from (e.g. ifXTable → ifTable). */
    foreign?: string;
    /** Fixed length of an octet-string index (e.g. 6 for a MAC), encoded without a length prefix. */
    length?: number;
    implied?: boolean;
  }

  export interface MibProviderDefinition {
    name: string;
    type: string;
    oid: string;
    maxAccess: number;
    scalarType?: number;
    tableColumns?: MibTableColumn[];
    tableIndex?: MibTableIndexEntry[];
  }

  export type MibCellValue = string | number | Buffer;

  export interface Mib {
    registerProvider(definition: MibProviderDefinition): void;
    setScalarValue(name: string, value: MibCellValue): void;
    addTableRow(name: string, row: MibCellValue[]): void;
  }

  export interface Authorizer {
    addCommunity(community: string): void;
    addUser(user: SnmpUser): void;
  }

  export interface AgentOptions {
    port?: number;
    address?: string | null;
    transport?: 'udp4' | 'udp6';
    engineID?: string;
    disableAuthorization?: boolean;
  }

  export interface Agent {
    /** Internal: the bound sockets, used to wait until the agent is listening. */
    readonly listener: { readonly sockets: Readonly<Record<string, Socket>> };
    getMib(): Mib;
    getAuthorizer(): Authorizer;
    close(callback?: () => void): void;
  }

  export function createAgent(options: AgentOptions, callback: (error: Error | null, data: unknown) => void, mib?: Mib): Agent;
}
