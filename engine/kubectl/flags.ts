// Command-line flags the way cobra/pflag parse them for kubectl: flags anywhere among the
// arguments, `--` ends them, `--name=value` / `--name value` / `-n value` / `-nvalue` /
// `-n=value`, grouped boolean shorthands (`-Aw`), and pflag's exact error words.

import { DurationError, parseGoDuration } from './go-duration.ts';

export type FlagType = 'bool' | 'string' | 'int' | 'stringArray' | 'stringSlice' | 'duration';

export interface FlagSpec {
  name: string;
  short?: string;
  type: FlagType;
}

export type FlagValue = boolean | string | number | string[];

export interface ParsedFlags {
  values: Map<string, FlagValue>;
  args: string[];
  /** Arguments after `--` (kubectl run NAME -- CMD...). */
  dashArgs?: string[];
}

export class FlagError extends Error {}

/** Flags every kubectl command accepts (kubectl options). */
export const GLOBAL_FLAGS: FlagSpec[] = [
  { name: 'namespace', short: 'n', type: 'string' },
  { name: 'context', type: 'string' },
  { name: 'cluster', type: 'string' },
  { name: 'user', type: 'string' },
  { name: 'kubeconfig', type: 'string' },
  { name: 'server', short: 's', type: 'string' },
  { name: 'request-timeout', type: 'string' },
  { name: 'v', short: 'v', type: 'string' },
  { name: 'insecure-skip-tls-verify', type: 'bool' },
  { name: 'token', type: 'string' },
  { name: 'as', type: 'string' },
  { name: 'as-group', type: 'stringArray' },
  { name: 'as-uid', type: 'string' },
  { name: 'warnings-as-errors', type: 'bool' },
  { name: 'help', short: 'h', type: 'bool' },
];

function display(s: FlagSpec): string {
  return s.short ? `-${s.short}, --${s.name}` : `--${s.name}`;
}

function setValue(values: Map<string, FlagValue>, s: FlagSpec, raw: string): void {
  switch (s.type) {
    case 'bool': {
      const b = parseBool(raw);
      if (b === undefined) throw new FlagError(`invalid argument "${raw}" for "${display(s)}" flag: strconv.ParseBool: parsing "${raw}": invalid syntax`);
      values.set(s.name, b);
      return;
    }
    case 'int': {
      if (!/^[-+]?\d+$/.test(raw)) throw new FlagError(`invalid argument "${raw}" for "${display(s)}" flag: strconv.ParseInt: parsing "${raw}": invalid syntax`);
      values.set(s.name, Number(raw));
      return;
    }
    case 'duration': {
      // Kept in milliseconds; Go's time.ParseDuration decides what is valid.
      try {
        values.set(s.name, parseGoDuration(raw));
      } catch (e) {
        if (!(e instanceof DurationError)) throw e;
        throw new FlagError(`invalid argument "${raw}" for "${display(s)}" flag: ${e.message}`);
      }
      return;
    }
    case 'stringArray':
      values.set(s.name, [...((values.get(s.name) as string[] | undefined) ?? []), raw]);
      return;
    case 'stringSlice':
      values.set(s.name, [...((values.get(s.name) as string[] | undefined) ?? []), ...(raw === '' ? [] : raw.split(','))]);
      return;
    default:
      values.set(s.name, raw);
  }
}

function parseBool(raw: string): boolean | undefined {
  if (['1', 't', 'T', 'true', 'TRUE', 'True'].includes(raw)) return true;
  if (['0', 'f', 'F', 'false', 'FALSE', 'False'].includes(raw)) return false;
  return undefined;
}

export function parseFlags(argv: readonly string[], specs: readonly FlagSpec[]): ParsedFlags {
  const all = [...specs, ...GLOBAL_FLAGS];
  const byName = new Map(all.map((s) => [s.name, s]));
  const byShort = new Map(all.filter((s) => s.short).map((s) => [s.short!, s]));
  const values = new Map<string, FlagValue>();
  const args: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') return { values, args, dashArgs: argv.slice(i + 1) };
    if (a.startsWith('--') && a.length > 2) {
      const eq = a.indexOf('=');
      const name = eq >= 0 ? a.slice(2, eq) : a.slice(2);
      const s = byName.get(name);
      if (!s) throw new FlagError(`unknown flag: --${name}`);
      if (eq >= 0) setValue(values, s, a.slice(eq + 1));
      else if (s.type === 'bool') values.set(s.name, true);
      else {
        if (i + 1 >= argv.length) throw new FlagError(`flag needs an argument: --${name}`);
        setValue(values, s, argv[++i]!);
      }
    } else if (a.startsWith('-') && a.length > 1 && a !== '-') {
      const shorts = a.slice(1);
      for (let j = 0; j < shorts.length; j++) {
        const c = shorts[j]!;
        const s = byShort.get(c);
        if (!s) throw new FlagError(`unknown shorthand flag: '${c}' in ${a}`);
        const rest = shorts.slice(j + 1);
        if (s.type === 'bool') {
          if (rest.startsWith('=')) {
            setValue(values, s, rest.slice(1));
            break;
          }
          values.set(s.name, true);
          continue;
        }
        if (rest.length > 0) setValue(values, s, rest.startsWith('=') ? rest.slice(1) : rest);
        else {
          if (i + 1 >= argv.length) throw new FlagError(`flag needs an argument: '${c}' in -${c}`);
          setValue(values, s, argv[++i]!);
        }
        break;
      }
    } else args.push(a);
  }
  return { values, args };
}

/** Typed accessors over parsed values. */
export class Flags {
  constructor(readonly parsed: ParsedFlags) {}
  has(name: string): boolean {
    return this.parsed.values.has(name);
  }
  str(name: string, def = ''): string {
    const v = this.parsed.values.get(name);
    return typeof v === 'string' ? v : def;
  }
  bool(name: string, def = false): boolean {
    const v = this.parsed.values.get(name);
    return typeof v === 'boolean' ? v : def;
  }
  int(name: string, def: number): number {
    const v = this.parsed.values.get(name);
    return typeof v === 'number' ? v : def;
  }
  list(name: string): string[] {
    const v = this.parsed.values.get(name);
    return Array.isArray(v) ? v : typeof v === 'string' ? [v] : [];
  }
  get args(): string[] {
    return this.parsed.args;
  }
}
