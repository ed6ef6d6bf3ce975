import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const bff = 'http://127.0.0.1:8080';

// The BFF owns every API path; in dev (and `vite preview`) we forward them so the app is always same-origin.
const proxy = {
  '/api': { target: bff, changeOrigin: false },
  '/healthz': bff,
  '/readyz': bff,
};

export default defineConfig({
  plugins: [react()],
  server: { host: '127.0.0.1', proxy },
  preview: { host: '127.0.0.1', proxy },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // No inline module-preload polyfill: the page must run under `script-src 'self'`.
    modulePreload: { polyfill: false },
    chunkSizeWarningLimit: 900,
    rolldownOptions: {
      output: {
        // Vite 8 (rolldown) spelling of manualChunks: long-lived vendor chunks that change rarely,
        // so a deploy of app code does not bust the browser cache for React or antd.
        codeSplitting: {
          groups: [
            { name: 'react', test: /node_modules[\\/](react|react-dom|scheduler|react-router)[\\/]/, priority: 30 },
            { name: 'query', test: /node_modules[\\/](@tanstack)[\\/]/, priority: 25 },
            { name: 'i18n', test: /node_modules[\\/](i18next|react-i18next)[\\/]/, priority: 25 },
            {
              name: 'antd',
              test: /node_modules[\\/](antd|@ant-design|@rc-component|rc-[^\\/]+|dayjs|@babel[\\/]runtime)[\\/]/,
              priority: 20,
            },
          ],
        },
      },
    },
  },
});
