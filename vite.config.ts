import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';
import { scormPlayerPlugin } from './src/lms/player/build-player.ts';

export default defineConfig({
  // The SCORM player ships with the app (dist/scorm-player/) so instructors can pack packages in the browser.
  plugins: [react(), scormPlayerPlugin()],
  resolve: {
    alias: { '@': fileURLToPath(new URL('./src', import.meta.url)) },
  },
  test: {
    // Playwright specs live in tests/e2e and run in real Chromium through tests/e2e/run-e2e.mjs.
    include: ['tests/**/*.test.{ts,tsx}'],
    exclude: ['tests/e2e/**', 'node_modules/**'],
    environment: 'node',
    setupFiles: ['tests/setup.ts'],
    testTimeout: 20_000,
  },
});
