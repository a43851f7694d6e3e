// Entry of the core process (bundled to dist/main/core-process.mjs). Electron main forks it as a
// utilityProcess; it builds the AppCore exactly as serve mode does (database, engines, discovery,
// imports, scheduler) and serves the window's calls, uploads and events over its parent port.
import { runCoreProcess } from './core-process-main.js';
import { createAppCore } from './create-app-core.js';

runCoreProcess(createAppCore);
