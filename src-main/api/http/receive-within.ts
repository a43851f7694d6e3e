// Bounds how long receiving a request body may take. The body passes through unchanged; when it has
// not ended in time, the stream fails with the timeout error (which the body parser hands to the
// error handler; the connection is closed after the answer) and the rest of the body is not read.
//
// Nobody may be reading the body at all: a GET's body, or one refused before it was read (413 for a
// declared length over the limit). Then there is no one to tell: the stream ends without an error
// (an 'error' with no listener would bring the whole server down) and, on timeout, the connection
// the client keeps busy with its unread body is closed.
import { PassThrough, type Readable } from 'node:stream';

export interface ReceiveErrors {
  timeout: () => Error;
  /** The client went away before the body ended. */
  interrupted: () => Error;
}

export function receiveWithin(body: Readable, timeoutMs: number, errors: ReceiveErrors): Readable {
  const out = new PassThrough();
  const hasReader = (): boolean => out.listenerCount('error') > 0;
  const fail = (error: Error): void => {
    if (hasReader()) out.destroy(error);
    else out.destroy();
  };
  const timer = setTimeout(() => {
    body.unpipe(out);
    if (hasReader()) {
      out.destroy(errors.timeout());
      return;
    }
    out.destroy();
    body.destroy();
  }, timeoutMs);
  const stop = (): void => clearTimeout(timer);
  body.once('end', stop);
  body.once('error', (error) => {
    stop();
    fail(error);
  });
  body.once('close', () => {
    if (body.readableEnded) return;
    stop();
    fail(errors.interrupted());
  });
  out.once('close', stop);
  body.pipe(out);
  return out;
}
