// The sandboxed preload: exposes the contract-derived bridge as window.fieldwise and nothing else.
// Bundled by scripts/build-main.mjs into dist/main/preload.cjs (one CommonJS file; only 'electron'
// is external, as a sandboxed preload can require nothing else).
import { contextBridge, ipcRenderer } from 'electron';
import { BRIDGE_GLOBAL } from '../../src-shared/api/bridge.js';
import { createBridge } from './create-bridge.js';

contextBridge.exposeInMainWorld(BRIDGE_GLOBAL, createBridge(ipcRenderer));
