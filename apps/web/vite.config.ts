import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { precompress } from './build/precompress';

const bff = 'http://127.0.0.1:8080';

// The BFF owns every API path; in dev (and `vite preview`) we forward them so the app is always same-origin.
const proxy = {
  '/api': { target: bff, changeOrigin: false },
  '/healthz': bff,
  '/readyz': bff,
};

export default defineConfig({
  plugins: [react(), precompress()],
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
        // so a deploy of app code does not bust the browser cache for React, react-query, i18next or antd's core.
        codeSplitting: {
          groups: [
            {
              name: 'react',
              test: /node_modules[\\/](react|react-dom|scheduler|react-router)[\\/]/,
              priority: 30,
            },
            { name: 'query', test: /node_modules[\\/](@tanstack)[\\/]/, priority: 25 },
            { name: 'i18n', test: /node_modules[\\/](i18next|react-i18next)[\\/]/, priority: 25 },
            {
              // antd's theme engine and shared helpers: needed by every page, changes only with antd.
              // The components themselves follow the lazy route that uses them, so the entry stays small
              // and a page pays only for the widgets it renders.
              name: 'antd-core',
              test: /node_modules[\\/](@ant-design[\\/](cssinjs|cssinjs-utils|colors|fast-color)|antd[\\/]es[\\/](_util|config-provider|theme|style|locale)|@rc-component[\\/](util|motion|context|resize-observer)|stylis|@emotion|@babel[\\/]runtime)[\\/]/,
              priority: 20,
            },
          ],
        },
      },
    },
  },
});
