import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';

const coreSrc = fileURLToPath(new URL('../core/src/', import.meta.url));

/**
 * Vite config for the Tessera web app.
 * The build goes to `dist/`, which `tessera serve` serves at `/` with an SPA fallback and a
 * strict CSP (no inline script or style), so nothing here may inject inline code.
 * `@tessera/core/*` resolves to the TypeScript sources so the browser runs the same
 * validation code as the server.
 */
export default defineConfig({
  base: '/',
  plugins: [react()],
  resolve: {
    alias: [
      { find: /^@tessera\/core$/, replacement: `${coreSrc}index.ts` },
      {
        find: /^@tessera\/core\/(format|quality|compliance)$/,
        replacement: `${coreSrc}$1/index.ts`,
      },
    ],
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: true,
    // Inline assets would be data: URLs in CSS/JS; allowed by img-src but keep files cacheable.
    assetsInlineLimit: 0,
  },
  server: {
    proxy: { '/api': process.env.TESSERA_API_URL ?? 'http://127.0.0.1:8080' },
  },
});
