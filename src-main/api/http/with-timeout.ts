// Races a piece of work against a timer. The work is not cancelled (the dispatcher takes no signal):
// it keeps running and its late result or failure is dropped here — a handler's own failures are
// still logged by the dispatcher. The timer is always cleared, so nothing is left pending.
//
// Why not Fastify's `handlerTimeout`: in Fastify 5.12 its timer is cleared on the request's 'close'
// event, which Node emits as soon as a request body has been read, so it never fires for a POST.
export async function withTimeout<T>(work: Promise<T>, timeoutMs: number, onTimeout: () => Error): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const expired = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(onTimeout()), timeoutMs);
  });
  work.catch(() => undefined); // a failure after the timeout has nobody left to tell
  try {
    return await Promise.race([work, expired]);
  } finally {
    clearTimeout(timer);
  }
}
