// Vite build of the web app: root web/, output dist/web (served by the API server with an SPA
// fallback, server/platform/http/web.ts). Default code splitting is kept on purpose (STACK.md: hand-made
// vendor chunks made the first load 60 % larger); pages are lazy routes.
// Dev: ANBAO_API=http://127.0.0.1:3000 npx vite --config web/vite.config.ts proxies /api to a running server.
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root,
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL('../dist/web', import.meta.url)),
    // A rebuild keeps the previous build's hashed chunks: a tab opened before an upgrade (or a browser
    // test running while someone rebuilds) can still load its lazy pages. `rm -rf dist` clears them.
    emptyOutDir: false,
    // The CSP allows scripts from 'self' only: never inline a module preload polyfill or small asset.
    assetsInlineLimit: 0,
    chunkSizeWarningLimit: 1200,
  },
  server: {
    host: '127.0.0.1',
    proxy: { '/api': { target: process.env.ANBAO_API ?? 'http://127.0.0.1:3000', changeOrigin: false } },
  },
});
