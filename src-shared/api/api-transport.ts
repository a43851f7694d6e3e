// What a renderer-side transport must provide. Two implementations exist: Electron IPC (through the
// preload) and HTTP/WebSocket (serve mode). The typed client below works over either.
export interface UploadResult {
  uploadId: string;
  bytes: number;
}

/** How a download ended for the renderer: handed to the browser, saved where the person chose, or not saved. */
export interface DownloadOutcome {
  status: 'started' | 'saved' | 'cancelled';
  /** Where the file was saved (desktop window only). */
  path?: string;
}

export interface ApiTransport {
  /** Resolves with the call's result or rejects with an ApiError. */
  invoke(method: string, input: unknown): Promise<unknown>;
  /** Returns a function that unsubscribes. */
  subscribe(event: string, listener: (payload: unknown) => void): () => void;
  /** Hands a file's bytes to the main process and returns a reference for imports.start. */
  upload(fileName: string, data: Blob): Promise<UploadResult>;
  /** Saves a finished export (exports.start) as a file: the browser's download, or the window's save dialog. */
  download(exportId: string, fileName: string): Promise<DownloadOutcome>;
}
