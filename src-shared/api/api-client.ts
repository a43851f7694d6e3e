// The typed client: method names, inputs, outputs and events are all checked against the contract.
import type { ApiInput, ApiMethod, ApiOutput } from './contract.js';
import type { ApiEventName, ApiEventPayload } from './events.js';
import type { ApiTransport, DownloadOutcome, UploadResult } from './api-transport.js';

export interface ApiClient {
  call<M extends ApiMethod>(method: M, input: ApiInput<M>): Promise<ApiOutput<M>>;
  on<E extends ApiEventName>(event: E, listener: (payload: ApiEventPayload<E>) => void): () => void;
  upload(fileName: string, data: Blob): Promise<UploadResult>;
  download(exportId: string, fileName: string): Promise<DownloadOutcome>;
}

export function createApiClient(transport: ApiTransport): ApiClient {
  return {
    call: async (method, input) => (await transport.invoke(method, input)) as never,
    on: (event, listener) => transport.subscribe(event, (payload) => listener(payload as never)),
    upload: (fileName, data) => transport.upload(fileName, data),
    download: (exportId, fileName) => transport.download(exportId, fileName),
  };
}
