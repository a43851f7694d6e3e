// Bounds how long receiving a request body may take. The body passes through unchanged; when it has
// not ended in time, the stream fails with the timeout error (which the body parser hands to the
// error handler; the connection is closed after the answer) and the rest of the body is not read.
import { PassThrough, type Readable } from 'node:stream';

export interface ReceiveErrors {
  timeout: () => Error;
  /** The client went away before the body ended. */
  interrupted: () => Error;
}

export function receiveWithin(body: Readable, timeoutMs: number, errors: ReceiveErrors): Readable {
  const out = new PassThrough();
  const timer = setTimeout(() => {
    body.unpipe(out);
    out.destroy(errors.timeout());
  }, timeoutMs);
  const stop = (): void => clearTimeout(timer);
  body.once('end', stop);
  body.once('error', (error) => {
    stop();
    out.destroy(error);
  });
  body.once('close', () => {
    if (body.readableEnded) return;
    stop();
    out.destroy(errors.interrupted());
  });
  out.once('close', stop);
  body.pipe(out);
  return out;
}
