// The one recording hook every protocol's safety guard reports to, before it sends anything and
// whether or not the request is allowed. Production passes nothing (noRequestRecorder); a test
// passes a MemoryRequestRecorder and so sees every request any collector sent or was refused.

export interface RecordedRequest {
  protocol: string;
  host: string;
  port: number;
  /** The protocol's name for the request: 'read-holding-registers', 'ReadPropertyMultiple', 'Browse', 'get-next'. */
  service: string;
  /** The protocol's code for it where there is one (Modbus function code, BACnet service choice). */
  code?: number;
  /** False when the guard refused it: nothing was sent. */
  allowed: boolean;
  /** Monotonic milliseconds (the run's Timing) when the guard let it go or refused it. */
  atMs: number;
}

export interface RequestRecorder {
  record(request: RecordedRequest): void;
}

export const noRequestRecorder: RequestRecorder = { record: () => undefined };

/** Keeps every request in memory, for tests and benchmarks. */
export class MemoryRequestRecorder implements RequestRecorder {
  readonly requests: RecordedRequest[] = [];

  record(request: RecordedRequest): void {
    this.requests.push(request);
  }

  /** Requests sent to one device, in order. */
  to(host: string, port: number): RecordedRequest[] {
    return this.requests.filter((r) => r.host === host && r.port === port);
  }

  refused(): RecordedRequest[] {
    return this.requests.filter((r) => !r.allowed);
  }
}
