import { resolve } from 'node:path'
import { defineConfig } from 'electron-vite'
import vue from '@vitejs/plugin-vue'
import { aliases } from './aliases.config'

export default defineConfig({
  main: {
    resolve: { alias: aliases },
    build: {
      // Dependencies stay in node_modules; keytar (an optional native module, loaded lazily) too.
      externalizeDeps: { include: ['keytar'] },
      rollupOptions: { input: { index: resolve(import.meta.dirname, 'src/main/index.ts') } }
    }
  },
  preload: {
    resolve: { alias: aliases },
    build: {
      // A sandboxed preload can require nothing but `electron`: bundle every dependency into it.
      externalizeDeps: false,
      rollupOptions: {
        input: { index: resolve(import.meta.dirname, 'src/preload/index.ts') },
        // A sandboxed preload cannot use ESM imports: ship one CommonJS file.
        output: { format: 'cjs', entryFileNames: '[name].cjs', codeSplitting: false }
      }
    }
  },
  renderer: {
    root: resolve(import.meta.dirname, 'src/renderer'),
    // Relative asset addresses: the web shell serves the page below /<token>/ (a capability URL),
    // Electron from app://companion/; both resolve ./assets/… against the page.
    base: './',
    resolve: { alias: aliases },
    plugins: [vue()],
    build: {
      rollupOptions: { input: { index: resolve(import.meta.dirname, 'src/renderer/index.html') } }
    }
  }
})
