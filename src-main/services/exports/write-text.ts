// Writes text to a stream and waits when the stream asks to (so a slow disk or reader holds the
// export back instead of filling memory).
import { once } from 'node:events';
import type { Writable } from 'node:stream';

export async function writeText(out: Writable, text: string): Promise<void> {
  if (!out.write(text)) await once(out, 'drain');
}
