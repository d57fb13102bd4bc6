import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The API serves apps/web/dist on :8080; in `vite dev` the same origin is kept by proxying /api.
export default defineConfig({
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // The manifest lets a script measure what each route loads (UX budget: first phone screen ≤ 300 kB gz).
    manifest: true,
    chunkSizeWarningLimit: 900,
  },
  server: {
    port: 5173,
    proxy: { '/api': { target: 'http://127.0.0.1:8080', changeOrigin: false } },
  },
});
