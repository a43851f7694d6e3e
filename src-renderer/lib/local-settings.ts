// Preferences of this user on this machine (the inventory's column layout), kept in the window's
// localStorage: per OS user in the desktop app, per browser profile in serve mode. Never application
// data: that lives in main. A storage that cannot be used (private mode, tests) keeps them in memory.
export interface LocalSettings {
  read(key: string): string | null;
  write(key: string, value: string): void;
}

export function memorySettings(): LocalSettings {
  const values = new Map<string, string>();
  return {
    read: (key) => values.get(key) ?? null,
    write: (key, value) => void values.set(key, value),
  };
}

export function browserSettings(): LocalSettings {
  const storage = typeof globalThis.localStorage === 'undefined' ? null : globalThis.localStorage;
  if (!storage) return memorySettings();
  const fallback = memorySettings();
  return {
    read(key) {
      try {
        return storage.getItem(key);
      } catch {
        return fallback.read(key);
      }
    },
    write(key, value) {
      try {
        storage.setItem(key, value);
      } catch {
        fallback.write(key, value);
      }
    },
  };
}
