import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root: here,
  // Relative asset URLs, so the same build loads from file:// in Electron and from the HTTP bridge.
  base: './',
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL('../dist/renderer', import.meta.url)),
    emptyOutDir: true,
    chunkSizeWarningLimit: 1600,
    rolldownOptions: {
      output: {
        // ag-grid is most of the bundle and changes rarely: its own chunk keeps app rebuilds small.
        // Pages are lazy chunks (nav.tsx): the entry must not pull ag-grid or echarts. A group takes
        // its dependencies along, so React gets its own group of higher priority; otherwise it lands
        // in the ag-grid chunk and the login page loads all of ag-grid.
        codeSplitting: {
          groups: [
            { name: 'react', test: /node_modules[\\/](react|react-dom|scheduler)[\\/]/, priority: 3 },
            { name: 'ag-grid', test: /node_modules[\\/](ag-grid-|@ag-grid-community)/, priority: 2 },
            // The charts (issue 17) likewise: bar, line, pie and the SVG renderer only.
            { name: 'echarts', test: /node_modules[\\/](echarts|zrender)[\\/]/, priority: 2 },
            { name: 'vendor', test: /node_modules[\\/]/ },
          ],
        },
      },
    },
  },
});
