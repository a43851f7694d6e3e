// The one place @bacnet-js/client is loaded. The package is CommonJS with a default export; under
// Node's ESM loader and under bundlers the default import arrives either as the class or as the
// module object, so the class is taken from whichever it is.
import * as library from '@bacnet-js/client';
import type BacnetClientClass from '@bacnet-js/client';

export type BacnetClient = BacnetClientClass;
export type { BACNetAddress, BACNetObjectID, BACNetReadAccessSpecification, ClientOptions } from '@bacnet-js/client';

type ClientConstructor = new (options?: library.ClientOptions) => BacnetClientClass;

function clientConstructor(): ClientConstructor {
  const candidate = (library as unknown as { default?: unknown }).default;
  const inner = (candidate as { default?: unknown } | undefined)?.default;
  const ctor = typeof candidate === 'function' ? candidate : inner;
  if (typeof ctor !== 'function') throw new Error('@bacnet-js/client did not load: no client class in the module');
  return ctor as ClientConstructor;
}

export function createBacnetClient(options: library.ClientOptions): BacnetClientClass {
  return new (clientConstructor())(options);
}

/** Array index meaning "the whole array" in ReadProperty. */
export const BACNET_ARRAY_ALL = 0xffffffff;
