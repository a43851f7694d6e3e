// The one send path for SNMP. Every request to an agent goes through an SnmpSafetyGuard, which:
//  - allows only reads (get, getNext, getBulk, and walks built on them) — at the type level, since
//    the request union and the net-snmp declaration have no set/trap/inform, and at run time, since
//    any other operation is refused and the session's own write methods are disabled;
//  - passes each attempt through the run's RequestGate (global rate, per-host spacing) and reports
//    it, and any refused operation, to the run's RequestRecorder;
//  - applies timeout, retries with backoff, a per-host request budget and a response size cap;
//  - turns whatever the agent or the wire does into a typed SnmpError, never a crash.
import type { RemoteInfo } from 'node:dgram';
import { performance } from 'node:perf_hooks';
import * as snmp from 'net-snmp';
import { canonicalIp } from '../../../src-shared/lib/canonical-ip.js';
import { noRequestRecorder, type RequestRecorder } from '../request-recorder.js';
import type { RequestGate } from '../sweep/request-gate.js';
import type { SweepTarget } from '../sweep/target-plan.js';
import { compareOids, isOidInSubtree, oidSuffix } from './oid.js';
import type { ResolvedSnmpCredential, SnmpAuthProtocol, SnmpPrivProtocol, SnmpSecurityLevel } from './snmp-credential.js';
import { SnmpError, isSnmpError, type SnmpErrorReason } from './snmp-error.js';

export const SNMP_READ_OPERATIONS = ['get', 'getNext', 'getBulk'] as const;
export type SnmpReadOperation = (typeof SNMP_READ_OPERATIONS)[number];

export type SnmpReadRequest =
  | { op: 'get'; oids: readonly string[] }
  | { op: 'getNext'; oids: readonly string[] }
  | { op: 'getBulk'; oids: readonly string[]; maxRepetitions: number };

export type SnmpValue = snmp.VarbindValue;

export interface SnmpVarbind {
  oid: string;
  type: number;
  value: SnmpValue;
}

/** Rows of a table keyed by instance index, each a map of column number → varbind. */
export type SnmpTableRows = Map<string, Map<number, SnmpVarbind>>;

export interface SnmpGuardLimits {
  /** Wait for one reply before retrying (default 1500 ms). */
  timeoutMs: number;
  /** Re-sends after a timeout (default 1). */
  retries: number;
  /** Timeout multiplier per retry (default 1: a dead host then costs exactly (1 + retries) × timeoutMs). */
  backoff: number;
  /** Requests to one host in one collection (default 3000). */
  maxRequestsPerHost: number;
  /** Rows per table walk (default 10 000). */
  maxRowsPerWalk: number;
  /** Varbinds asked for per GETBULK, shared across the columns being walked (default 48). */
  bulkVarbindBudget: number;
  /** Datagrams larger than this are dropped and counted as a limit breach (default 65 507). */
  maxResponseBytes: number;
}

export const DEFAULT_SNMP_GUARD_LIMITS: SnmpGuardLimits = {
  timeoutMs: 1500,
  retries: 1,
  backoff: 1,
  maxRequestsPerHost: 3000,
  maxRowsPerWalk: 10_000,
  bulkVarbindBudget: 48,
  maxResponseBytes: 65_507,
};

export interface SnmpGuardOptions {
  gate: RequestGate;
  /** Sees every request this guard sends or refuses (default: none). */
  recorder?: RequestRecorder;
  /** Monotonic clock for the recorder's timestamps (default: performance.now). */
  nowMs?: () => number;
  limits?: Partial<SnmpGuardLimits>;
  signal?: AbortSignal;
}

const PROTOCOL_ERROR_STATUS_TOO_BIG = 1;
const V1_NO_SUCH_NAME = 2;
// net-snmp ResponseInvalidCode values.
const RESPONSE_INVALID_COULD_NOT_DECRYPT = 4;
const RESPONSE_INVALID_AUTH_FAILURE = 5;
const RESPONSE_INVALID_NOT_IN_TIME_WINDOW = 14;

/** Runtime half of the read-only rule: anything that is not a read is refused. */
export function assertReadOperation(op: string): asserts op is SnmpReadOperation {
  if (!(SNMP_READ_OPERATIONS as readonly string[]).includes(op)) {
    throw new SnmpError('refused', `SNMP operation "${op}" is not allowed: the collector is read-only`);
  }
}

/** Marks a request failed by the guard itself (bad datagram, abort) rather than by net-snmp. */
class GuardSignal extends Error {
  constructor(readonly reason: SnmpErrorReason, readonly detail: string) {
    super(detail);
  }
}

export class SnmpSafetyGuard {
  readonly target: SweepTarget;
  readonly credentialId: string;
  readonly version: ResolvedSnmpCredential['version'];
  readonly limits: SnmpGuardLimits;
  readonly #session: snmp.Session;
  readonly #gate: RequestGate;
  readonly #recorder: RequestRecorder;
  readonly #nowMs: () => number;
  readonly #signal: AbortSignal | undefined;
  readonly #onAbort: () => void;
  #requests = 0;
  #answered = false;
  #datagramsThisAttempt = 0;
  #closed = false;
  /** The target address in canonical form: replies come from "::1" even when we were told "0:0:0:0:0:0:0:1". */
  readonly #targetAddress: string;

  private constructor(target: SweepTarget, credential: ResolvedSnmpCredential, options: SnmpGuardOptions) {
    this.target = target;
    this.#targetAddress = canonicalIp(target.host) ?? target.host;
    this.credentialId = credential.id;
    this.version = credential.version;
    this.limits = { ...DEFAULT_SNMP_GUARD_LIMITS, ...options.limits };
    this.#gate = options.gate;
    this.#recorder = options.recorder ?? noRequestRecorder;
    this.#nowMs = options.nowMs ?? (() => performance.now());
    this.#signal = options.signal;
    this.#session = openSession(target, credential, this.limits.timeoutMs);
    disableWrites(this.#session);
    this.#interceptDatagrams();
    // Parse failures are emitted as 'error'; without a listener they would crash the process.
    this.#session.on('error', () => this.#failPending('malformed', 'agent sent an undecodable reply'));
    this.#onAbort = () => this.#failPending('cancelled', 'run cancelled');
    this.#signal?.addEventListener('abort', this.#onAbort, { once: true });
  }

  /** Opens a UDP session for one target and credential. Call close() when done. */
  static open(target: SweepTarget, credential: ResolvedSnmpCredential, options: SnmpGuardOptions): SnmpSafetyGuard {
    return new SnmpSafetyGuard(target, credential, options);
  }

  get requestCount(): number {
    return this.#requests;
  }

  /** True once the agent has answered at least one request. */
  get answered(): boolean {
    return this.#answered;
  }

  /** The authoritative engine id learned by SNMPv3 discovery, as hex. */
  get discoveredEngineId(): string | undefined {
    const id = this.#session.msgSecurityParameters?.msgAuthoritativeEngineID;
    return id && id.length > 0 ? id.toString('hex') : undefined;
  }

  get(oids: readonly string[]): Promise<SnmpVarbind[]> {
    return this.request({ op: 'get', oids }) as Promise<SnmpVarbind[]>;
  }

  getNext(oids: readonly string[]): Promise<SnmpVarbind[]> {
    return this.request({ op: 'getNext', oids }) as Promise<SnmpVarbind[]>;
  }

  /** GETBULK with no non-repeaters: one array of successive varbinds per requested OID. */
  getBulk(oids: readonly string[], maxRepetitions: number): Promise<SnmpVarbind[][]> {
    return this.request({ op: 'getBulk', oids, maxRepetitions }) as Promise<SnmpVarbind[][]>;
  }

  /** The single entry point for requests; everything above and below funnels through here. */
  async request(request: SnmpReadRequest): Promise<SnmpVarbind[] | SnmpVarbind[][]> {
    const record = (allowed: boolean) =>
      this.#recorder.record({ protocol: 'snmp', host: this.target.host, port: this.target.port, service: String(request.op), allowed, atMs: this.#nowMs() });
    try {
      assertReadOperation(request.op);
    } catch (error) {
      record(false);
      throw error;
    }
    if (this.#closed) throw new SnmpError('cancelled', 'session already closed');
    let timeoutMs = this.limits.timeoutMs;
    for (let attempt = 0; ; attempt++) {
      if (this.#requests >= this.limits.maxRequestsPerHost) {
        throw new SnmpError('limit', `request budget of ${this.limits.maxRequestsPerHost} per host used up`);
      }
      try {
        await this.#gate.acquire(this.#hostKey(), this.#signal);
      } catch {
        throw new SnmpError('cancelled', 'run cancelled');
      }
      record(true);
      this.#requests += 1;
      this.#datagramsThisAttempt = 0;
      this.#session.timeout = timeoutMs;
      try {
        const result = await this.#sendOnce(request);
        this.#answered = true;
        return result;
      } catch (error) {
        const failure = this.#classify(error);
        const retryable = failure.reason === 'timeout' || failure.reason === 'no_response';
        if (!retryable || attempt >= this.limits.retries || this.#signal?.aborted) throw failure;
        timeoutMs = Math.round(timeoutMs * Math.max(1, this.limits.backoff));
      }
    }
  }

  /**
   * Walks the given columns of a table side by side (GETBULK on v2c/v3, GETNEXT on v1). Stops a
   * column when it leaves its subtree; refuses replies whose OIDs do not increase (a looping agent)
   * and tables longer than maxRowsPerWalk.
   */
  async walkColumns(entryOid: string, columns: readonly number[], label: string): Promise<SnmpTableRows> {
    const rows: SnmpTableRows = new Map();
    const state = columns.map((column) => ({ column, base: `${entryOid}.${column}`, cursor: `${entryOid}.${column}`, count: 0, done: false }));
    let budget = this.limits.bulkVarbindBudget;
    for (;;) {
      const active = state.filter((s) => !s.done);
      if (active.length === 0) return rows;
      let replies: SnmpVarbind[][];
      if (this.version === 'v1') {
        // One column per GETNEXT: a v1 agent fails the whole PDU with noSuchName at the end of its MIB.
        const first = active[0];
        if (!first) return rows;
        try {
          replies = [await this.getNext([first.cursor])];
        } catch (error) {
          if (isSnmpError(error) && error.reason === 'agent_error' && error.detail.includes(`status ${V1_NO_SUCH_NAME}`)) {
            first.done = true;
            continue;
          }
          throw error;
        }
        advance([first], replies, label, this.limits.maxRowsPerWalk, rows);
        continue;
      }
      const perColumn = Math.max(1, Math.floor(budget / active.length));
      try {
        replies = await this.getBulk(
          active.map((s) => s.cursor),
          perColumn,
        );
      } catch (error) {
        if (isSnmpError(error) && error.reason === 'agent_error' && error.detail.includes(`status ${PROTOCOL_ERROR_STATUS_TOO_BIG}`) && budget > 1) {
          budget = Math.max(1, Math.floor(budget / 2));
          continue;
        }
        throw error;
      }
      advance(active, replies, label, this.limits.maxRowsPerWalk, rows);
    }
  }

  /** Walks one subtree (for scalars groups or single columns). */
  async walk(baseOid: string, label: string): Promise<SnmpVarbind[]> {
    const out: SnmpVarbind[] = [];
    const rows = await this.walkColumns(baseOid.split('.').slice(0, -1).join('.'), [Number(baseOid.split('.').at(-1))], label);
    for (const row of rows.values()) for (const vb of row.values()) out.push(vb);
    return out.sort((a, b) => compareOids(a.oid, b.oid));
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#signal?.removeEventListener('abort', this.#onAbort);
    this.#gate.release(this.#hostKey());
    this.#failPending('cancelled', 'session closed');
    try {
      this.#session.close();
    } catch {
      // Already closed by the socket itself; nothing left to release.
    }
  }

  #hostKey(): string {
    return `${this.#targetAddress}:${this.target.port}`;
  }

  #sendOnce(request: SnmpReadRequest): Promise<SnmpVarbind[] | SnmpVarbind[][]> {
    return new Promise((resolve, reject) => {
      const oids = [...request.oids];
      try {
        switch (request.op) {
          case 'get':
            this.#session.get(oids, (error, varbinds) => (error ? reject(error) : resolve(varbinds.map(copyVarbind))));
            return;
          case 'getNext':
            this.#session.getNext(oids, (error, varbinds) => (error ? reject(error) : resolve(varbinds.map(copyVarbind))));
            return;
          case 'getBulk':
            this.#session.getBulk(oids, 0, Math.max(1, Math.floor(request.maxRepetitions)), (error, varbinds) => {
              if (error) reject(error);
              else resolve(varbinds.map((column) => (Array.isArray(column) ? column.map(copyVarbind) : [copyVarbind(column)])));
            });
            return;
        }
      } catch (error) {
        reject(error);
      }
    });
  }

  #classify(error: unknown): SnmpError {
    if (isSnmpError(error)) return error;
    if (error instanceof GuardSignal) return new SnmpError(error.reason, error.detail);
    if (error instanceof snmp.RequestTimedOutError) {
      if (this.#datagramsThisAttempt > 0) return new SnmpError('malformed', 'agent answered, but with nothing that matched the request');
      if (this.version === 'v3' && this.discoveredEngineId && !this.#answered) {
        // The agent answered engine discovery, then ignored the authenticated request: the USM
        // behaviour for a wrong key when it does not send a wrongDigests report.
        return new SnmpError('auth', 'agent answered SNMPv3 discovery but not the authenticated request (wrong user, auth or privacy key)');
      }
      return this.#answered
        ? new SnmpError('timeout', `no reply within the timeout (${this.#session.timeout} ms)`)
        : new SnmpError('no_response', `no reply within the timeout (${this.#session.timeout} ms)`);
    }
    if (error instanceof snmp.ResponseInvalidError) {
      if (error.code === RESPONSE_INVALID_AUTH_FAILURE) return new SnmpError('auth', usmReason(error.message));
      // With a wrong key the agent's reply cannot be decrypted: a credential problem, not a hostile agent.
      if (error.code === RESPONSE_INVALID_COULD_NOT_DECRYPT) return new SnmpError('auth', 'reply could not be decrypted: wrong SNMPv3 auth or privacy key');
      if (error.code === RESPONSE_INVALID_NOT_IN_TIME_WINDOW) return new SnmpError('auth', 'reply outside the SNMPv3 time window');
      // Messages are not passed on: ECommunityNoMatch quotes community strings.
      return new SnmpError('malformed', `invalid reply (net-snmp code ${error.code})`);
    }
    if (error instanceof snmp.RequestFailedError) {
      return new SnmpError('agent_error', `agent returned error status ${error.status}`);
    }
    const code = (error as NodeJS.ErrnoException | null)?.code;
    if (typeof code === 'string' && /^E[A-Z]+$/.test(code)) return new SnmpError('network', `socket error ${code}`);
    return new SnmpError('malformed', 'reply could not be processed');
  }

  #interceptDatagrams(): void {
    // net-snmp decodes replies inside the socket's 'message' handler; a hostile datagram that makes
    // its decoder throw would otherwise escape as an uncaught exception. Wrap it, check the sender
    // and size, and turn any failure into this host's error.
    const socket = this.#session.dgram;
    const handlers = socket.listeners('message') as Array<(msg: Buffer, rinfo: RemoteInfo) => void>;
    socket.removeAllListeners('message');
    socket.on('message', (msg: Buffer, rinfo: RemoteInfo) => {
      if (rinfo.port !== this.target.port || (canonicalIp(rinfo.address) ?? rinfo.address) !== this.#targetAddress) return; // not our agent
      if (msg.length > this.limits.maxResponseBytes) {
        this.#failPending('limit', `reply of ${msg.length} bytes exceeds the ${this.limits.maxResponseBytes}-byte cap`);
        return;
      }
      const pendingBefore = Object.keys(this.#session.reqs).join(',');
      try {
        for (const handler of handlers) handler.call(socket, msg, rinfo);
      } catch {
        this.#failPending('malformed', 'agent sent a reply that could not be decoded');
        return;
      }
      // A reply that matched no outstanding request is a stray: garbage, or a hostile agent.
      if (Object.keys(this.#session.reqs).join(',') === pendingBefore) this.#datagramsThisAttempt += 1;
    });
  }

  #failPending(reason: SnmpErrorReason, detail: string): void {
    // One request is outstanding at a time per session, so failing all pending requests fails it.
    this.#session.cancelRequests(new GuardSignal(reason, detail));
  }
}

function advance(
  active: Array<{ column: number; base: string; cursor: string; count: number; done: boolean }>,
  replies: SnmpVarbind[][],
  label: string,
  maxRows: number,
  rows: SnmpTableRows,
): void {
  // Some agents (net-snmp's among them) cap a GETBULK reply at max-repetitions varbinds in total,
  // so a column may get nothing this round; it is asked again next round. Only a round in which no
  // column got anything ends the walk.
  if (active.every((_, i) => (replies[i] ?? []).length === 0)) {
    for (const state of active) state.done = true;
    return;
  }
  active.forEach((state, i) => {
    const reply = replies[i] ?? [];
    for (const vb of reply) {
      if (isEndOfView(vb) || !isOidInSubtree(state.base, vb.oid)) {
        state.done = true;
        return;
      }
      if (compareOids(vb.oid, state.cursor) <= 0) {
        throw new SnmpError('malformed', `walk of ${label} did not advance: agent returned ${vb.oid} after ${state.cursor}`);
      }
      state.cursor = vb.oid;
      state.count += 1;
      if (state.count > maxRows) throw new SnmpError('limit', `walk of ${label} exceeded ${maxRows} rows`);
      const index = oidSuffix(state.base, vb.oid);
      let row = rows.get(index);
      if (!row) rows.set(index, (row = new Map()));
      row.set(state.column, vb);
    }
  });
}

export function isEndOfView(vb: SnmpVarbind): boolean {
  return vb.type === snmp.ObjectType.EndOfMibView || vb.type === snmp.ObjectType.NoSuchObject || vb.type === snmp.ObjectType.NoSuchInstance;
}

function copyVarbind(vb: snmp.Varbind): SnmpVarbind {
  return { oid: String(vb.oid), type: Number(vb.type), value: vb.value ?? null };
}

function usmReason(message: string): string {
  // net-snmp reports USM statistics names (unknownUserNames, wrongDigests, ...), which are safe.
  const known = ['unsupportedSecLevels', 'notInTimeWindows', 'unknownUserNames', 'unknownEngineIDs', 'wrongDigests', 'decryptionErrors'];
  const hit = known.find((k) => message.includes(k));
  return hit ? `agent rejected SNMPv3 credentials (${hit})` : 'agent rejected SNMPv3 credentials';
}

const LEVELS: Record<SnmpSecurityLevel, number> = {
  noAuthNoPriv: snmp.SecurityLevel.noAuthNoPriv,
  authNoPriv: snmp.SecurityLevel.authNoPriv,
  authPriv: snmp.SecurityLevel.authPriv,
};

function authProtocol(p: SnmpAuthProtocol): string {
  const value = snmp.AuthProtocols[p];
  if (!value) throw new SnmpError('credential_missing', `unsupported auth protocol ${p}`);
  return value;
}

function privProtocol(p: SnmpPrivProtocol): string {
  const value = snmp.PrivProtocols[p];
  if (!value) throw new SnmpError('credential_missing', `unsupported privacy protocol ${p}`);
  return value;
}

function openSession(target: SweepTarget, credential: ResolvedSnmpCredential, timeoutMs: number): snmp.Session {
  const secrets = credential.revealSecrets();
  const transport = target.host.includes(':') ? 'udp6' : 'udp4';
  // Retries are done by the guard, so that every attempt passes the rate gate.
  const base: snmp.SessionOptions = { port: target.port, retries: 0, timeout: timeoutMs, transport, backwardsGetNexts: true };
  if (secrets.version !== 'v3') {
    return snmp.createSession(target.host, secrets.community, { ...base, version: secrets.version === 'v1' ? snmp.Version1 : snmp.Version2c });
  }
  const user: snmp.SnmpUser = { name: secrets.user, level: LEVELS[secrets.level] };
  if (secrets.level !== 'noAuthNoPriv' && secrets.authKey !== undefined) {
    user.authProtocol = authProtocol(secrets.authProtocol ?? 'sha');
    user.authKey = secrets.authKey;
  }
  if (secrets.level === 'authPriv' && secrets.privKey !== undefined) {
    user.privProtocol = privProtocol(secrets.privProtocol ?? 'aes');
    user.privKey = secrets.privKey;
  }
  return snmp.createV3Session(target.host, user, { ...base, ...(secrets.context ? { context: secrets.context } : {}) });
}

/** Defence in depth: even code holding the raw session cannot send a write or a notification. */
function disableWrites(session: snmp.Session): void {
  for (const method of ['set', 'trap', 'inform']) {
    Reflect.set(session, method, () => {
      throw new SnmpError('refused', `SNMP ${method} is disabled: the collector is read-only`);
    });
  }
}
