// Components read the store through a selector, always: `useAppStore((s) => s.inventory.total)`.
import { useContext } from 'react';
import { useStore } from 'zustand';
import { StoreContext } from './StoreProvider.js';
import type { AppStore } from './app-store.js';
import type { AppState } from './store-types.js';

export function useAppStoreApi(): AppStore {
  const store = useContext(StoreContext);
  if (!store) throw new Error('useAppStore must be used inside <StoreProvider>.');
  return store;
}

export function useAppStore<T>(selector: (state: AppState) => T): T {
  return useStore(useAppStoreApi(), selector);
}
