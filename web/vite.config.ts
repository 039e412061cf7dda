import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { precompress } from './precompress.js';
import { antdCss } from './antd-css.js';
import { routePreloadsPlugin } from './route-preloads.js';

const here = fileURLToPath(new URL('.', import.meta.url));
const cacheDir = fileURLToPath(new URL('../node_modules/.vite/web', import.meta.url));

/**
 * The web app's build. The server (src/server) serves web/dist at `/`; in development the
 * dev server proxies /api to the API on :3000. Vendor code is split so the first page loads
 * only React + antd + the app shell; ECharts and every page come as separate chunks. Text files
 * get .br and .gz twins (precompress.ts) that the server sends as they are.
 */
export default defineConfig({
  root: here,
  base: '/',
  plugins: [antdCss(cacheDir), react(), routePreloadsPlugin(['public-page']), precompress()],
  cacheDir,
  server: {
    port: 5173,
    proxy: { '/api': { target: 'http://localhost:3000', changeOrigin: false } },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1200,
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [
            {
              name: 'react',
              test: /node_modules[\\/](react|react-dom|scheduler|react-router)[\\/]/,
              priority: 20,
            },
            // Everything the first script imports statically, in its chunk: every page loads it
            // anyway, and Rolldown alone cut it into sixteen small files shared with the pages,
            // a round trip each before the app could start (issue 15.4, on a slow phone).
            { name: 'app', tags: ['$initial'], priority: 10 },
          ],
        },
      },
    },
  },
});
