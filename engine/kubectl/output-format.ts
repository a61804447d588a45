// The -o/--output values kubectl accepts, and its error for anything else.
import { CommandError } from './command.ts';

export type OutputFormat =
  | { kind: 'table'; wide: boolean }
  | { kind: 'yaml' | 'json' | 'name' }
  | { kind: 'jsonpath'; template: string; asJson: boolean };

const GET_FORMATS = 'custom-columns,custom-columns-file,go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,wide,yaml';
const WRITE_FORMATS = 'go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,yaml';

/** Parses -o for `get` (table formats allowed) or for mutating commands (`forGet` false). */
export function parseOutput(raw: string, forGet: boolean): OutputFormat | undefined {
  if (raw === '') return forGet ? { kind: 'table', wide: false } : undefined;
  if (raw === 'wide' && forGet) return { kind: 'table', wide: true };
  if (raw === 'yaml' || raw === 'json' || raw === 'name') return { kind: raw };
  const m = raw.match(/^(jsonpath|jsonpath-as-json)=(.*)$/s);
  if (m) return { kind: 'jsonpath', template: m[2]!, asJson: m[1] === 'jsonpath-as-json' };
  const known = (forGet ? GET_FORMATS : WRITE_FORMATS).split(',');
  const name = raw.split('=')[0]!;
  if (known.includes(name) && raw.includes('=')) throw new CommandError(`output format "${name}" is not supported by kubeplay yet`);
  throw new CommandError(`unable to match a printer suitable for the output format "${raw}", allowed formats are: ${forGet ? GET_FORMATS : WRITE_FORMATS}`);
}
