import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { kubectlRelay } from './scripts/vite-kubectl-relay.mjs';

// monaco-editor >= 0.56 has an exports map that breaks monaco-yaml's worker import
// of `monaco-editor/esm/vs/...`; point that form straight at the files (toolchain.md P5).
const monacoEsm = fileURLToPath(new URL('./node_modules/monaco-editor/esm/vs/', import.meta.url));

export default defineConfig({
  // The learner's own kubectl against the cluster in the tab (README: Use your own kubectl).
  plugins: [kubectlRelay()],
  resolve: { alias: [{ find: /^monaco-editor\/esm\/vs\/(.*)$/, replacement: `${monacoEsm}$1` }] },
  // Dev only. path-browserify: CommonJS imported by monaco-yaml's worker (worker files are served
  // unbundled, so without pre-bundling it dies with "module is not defined"). The editor worker
  // is otherwise found late, and the re-optimization breaks pages already loading (flaky tests).
  optimizeDeps: {
    include: ['idb', 'comlink', '@xterm/xterm', '@xterm/addon-fit', 'monaco-yaml/yaml.worker.js', 'path-browserify', 'monaco-editor/esm/vs/editor/editor.worker.js'],
  },
  worker: { format: 'es' },
  build: { target: 'es2022', chunkSizeWarningLimit: 5000 },
  server: { host: '127.0.0.1' },
  preview: { host: '127.0.0.1' },
});
