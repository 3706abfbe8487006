import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/**
 * The SCORM player: a small app of its own (the exercise session, workspaces and score report,
 * no library, no storage) built with a relative base, so it runs from whatever folder an LMS
 * unpacks the package into, and needs no network. build-player.ts builds it in memory for
 * `npm run scorm` and for the app's build (dist/scorm-player/); outDir only serves a build run
 * by hand with `vite build --config src/lms/player/vite.config.ts`.
 */

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: './',
  publicDir: false,
  plugins: [react()],
  resolve: { alias: { '@': fileURLToPath(new URL('../..', import.meta.url)) } },
  build: {
    outDir: fileURLToPath(new URL('../../../.tmp/scorm-player', import.meta.url)),
    emptyOutDir: true,
    // LMS players often run in older embedded browsers; stay at a widely supported target.
    target: 'es2020',
    chunkSizeWarningLimit: 2000,
  },
  logLevel: 'warn',
});
