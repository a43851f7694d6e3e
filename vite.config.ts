import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The renderer is a static bundle: no CDN, no web fonts, every asset local (offline means offline).
export default defineConfig({
  root: 'src-renderer',
  base: './',
  plugins: [react()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    // 'hidden': maps are written for reading a stack trace from a report, but no bundle points at
    // them, so no browser asks for them (serve mode refuses .map files anyway).
    sourcemap: 'hidden',
    chunkSizeWarningLimit: 2000,
  },
  server: { host: '127.0.0.1', port: 5173, strictPort: true },
});
