// Monaco's worker wiring for Vite, plus the createWebWorker shim monaco-yaml needs on
// monaco-editor >= 0.55 (toolchain.md 4.1): monaco-worker-manager still calls the legacy
// `createWebWorker({ moduleId, label, createData })` form that 0.55 removed.
import * as monaco from 'monaco-editor/editor';
import EditorWorker from 'monaco-editor/editor/editor.worker?worker';
import YamlWorker from 'monaco-yaml/yaml.worker.js?worker';

interface LegacyOpts {
  moduleId?: string;
  label?: string;
  createData?: unknown;
  host?: Record<string, Function>;
  keepIdleModels?: boolean;
  worker?: Worker | Promise<Worker>;
}

let installed = false;

export function installMonacoEnvironment(): void {
  if (installed) return;
  installed = true;
  globalThis.MonacoEnvironment = {
    getWorker(_moduleId: string, label: string): Worker {
      return label === 'yaml' ? new YamlWorker() : new EditorWorker();
    },
  };
  const native = monaco.editor.createWebWorker;
  (monaco.editor as { createWebWorker: unknown }).createWebWorker = (o: LegacyOpts) => {
    if (o.worker !== undefined) return native(o as Parameters<typeof native>[0]);
    const worker = Promise.resolve(globalThis.MonacoEnvironment!.getWorker!(o.moduleId ?? 'workerMain.js', o.label ?? 'monaco-editor-worker')).then((w) => {
      w.postMessage('ignore');
      w.postMessage(o.createData);
      return w;
    });
    return native({ worker, ...(o.host ? { host: o.host } : {}), ...(o.keepIdleModels !== undefined ? { keepIdleModels: o.keepIdleModels } : {}) });
  };
}
