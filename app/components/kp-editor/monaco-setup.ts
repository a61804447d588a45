// The lazily loaded half of the editor: Monaco, monaco-yaml and the Kubernetes schema.
// Imported with import() by kp-editor, so none of it is in the first bundle.
import * as monaco from 'monaco-editor/editor';
import 'monaco-editor/features/register.all';
import 'monaco-editor/languages/definitions/yaml/register';
import { configureMonacoYaml, type JSONSchema } from 'monaco-yaml';
import schema from '../../../public/schemas/kubernetes.json';
import { installMonacoEnvironment } from './monaco-env.ts';

export { monaco };

export const SCHEMA_URI = 'inmemory://kubeplay/schemas/kubernetes.json';

let configured = false;

export function setupMonaco(): typeof monaco {
  if (configured) return monaco;
  configured = true;
  installMonacoEnvironment(); // before configureMonacoYaml: it creates the yaml worker
  configureMonacoYaml(monaco, {
    enableSchemaRequest: false,
    hover: true,
    completion: true,
    validate: true,
    schemas: [{ uri: SCHEMA_URI, fileMatch: ['*.yaml', '*.yml', '**/*.yaml', '**/*.yml'], schema: schema as unknown as JSONSchema }],
  });
  return monaco;
}

export function modelUri(fileName: string): monaco.Uri {
  return monaco.Uri.parse(`file:///workspace/${encodeURIComponent(fileName)}`);
}
