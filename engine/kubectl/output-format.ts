// The -o/--output values kubectl accepts (with --template and the *-file forms read from the
// workspace), and its errors for anything else. Mirrors cli-runtime's PrintFlags.ToPrinter.
import { CommandError } from './command.ts';

export type OutputFormat =
  | { kind: 'table'; wide: boolean }
  | { kind: 'yaml' | 'json' | 'name' }
  | { kind: 'jsonpath'; template: string; asJson: boolean }
  | { kind: 'go-template'; template: string }
  | { kind: 'custom-columns'; spec: string; fromFile: boolean };

const GET_FORMATS = 'custom-columns,custom-columns-file,go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,wide,yaml';
const WRITE_FORMATS = 'go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,yaml';

export interface OutputOptions {
  /** --template's value ('' when not given). */
  template?: string;
  /** Reads *-file forms (workspace or host files). */
  read?(path: string): string | undefined;
}

/** Parses -o for `get` (table formats allowed) or for mutating commands (`forGet` false). */
export function parseOutput(raw: string, forGet: boolean, opts: OutputOptions = {}): OutputFormat | undefined {
  const tpl = opts.template ?? '';
  if (raw === '' && tpl) raw = 'go-template';
  if (raw === '') return forGet ? { kind: 'table', wide: false } : undefined;
  if (raw === 'wide' && forGet) return { kind: 'table', wide: true };
  if (raw === 'yaml' || raw === 'json' || raw === 'name') return { kind: raw };
  const eq = raw.indexOf('=');
  const name = eq >= 0 ? raw.slice(0, eq) : raw;
  const arg = eq >= 0 ? raw.slice(eq + 1) : tpl;
  const readFile = (path: string, what: string): string => {
    const text = opts.read?.(path);
    if (text === undefined) throw new CommandError(`error reading ${what} ${path}, open ${path}: no such file or directory`);
    return text;
  };
  switch (name) {
    case 'jsonpath':
    case 'jsonpath-as-json':
    case 'jsonpath-file': {
      if (!arg) throw new CommandError('template format specified but no template given');
      const template = name === 'jsonpath-file' ? readFile(arg, '--template') : arg;
      return { kind: 'jsonpath', template, asJson: name === 'jsonpath-as-json' };
    }
    case 'go-template':
    case 'template':
    case 'go-template-file':
    case 'templatefile': {
      if (!arg) throw new CommandError('template format specified but no template given');
      const template = name.endsWith('file') ? readFile(arg, '--template') : arg;
      return { kind: 'go-template', template };
    }
    case 'custom-columns':
    case 'custom-columns-file':
      if (!forGet) break;
      if (!arg) throw new CommandError('custom-columns format specified but no custom columns given');
      return name === 'custom-columns' ? { kind: 'custom-columns', spec: arg, fromFile: false } : { kind: 'custom-columns', spec: readFile(arg, 'template'), fromFile: true };
  }
  throw new CommandError(`unable to match a printer suitable for the output format "${raw}", allowed formats are: ${forGet ? GET_FORMATS : WRITE_FORMATS}`);
}
