import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';

/** Component tests for the web app: jsdom + Testing Library, beside the components. */
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  plugins: [react()],
  // Keep Vite's cache in the repository's node_modules, not a second one under web/.
  cacheDir: fileURLToPath(new URL('../node_modules/.vite/web-test', import.meta.url)),
  test: {
    name: 'web',
    include: ['src/**/*.test.{ts,tsx}'],
    environment: 'jsdom',
    setupFiles: ['src/test-setup.ts'],
    testTimeout: 30_000,
    pool: 'forks',
  },
});
