import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/** In development the dashboard runs on Vite and reaches the API (`npm start`, port 3000) through this proxy. */
export default defineConfig({
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: true },
  server: { proxy: { '/api': 'http://127.0.0.1:3000', '/docs': 'http://127.0.0.1:3000' } },
});
