// What a container's main process does, in the small: how long it runs, its exit code, the lines
// it prints, and how fast it stops on SIGTERM. Server images run until stopped and print their
// startup lines; shell images run their command. This is the simple model the pod machine needs;
// a full POSIX-shell emulator (pipes, files, loops that keep printing) is a separate piece.
import type { Container } from '../api/core-v1.ts';
import type { ImageInfo, StartContext } from '../containers/images.ts';

export interface ProcessPlan {
  /** undefined: runs until it is stopped. */
  exitAfterMs?: number;
  exitCode: number;
  logs: string[];
  /** How long SIGTERM takes to stop it (PID-1 shells ignore SIGTERM: the whole grace period). */
  stopMs: number | 'grace';
}

const UTILITIES = new Set(['echo', 'sleep', 'exit', 'true', 'false', 'date', 'hostname', 'tail', 'cat', 'env', 'printenv', 'ls', 'wget', 'nslookup']);
const SHELLS = new Set(['sh', '/bin/sh', 'bash', '/bin/bash', 'ash', '/bin/ash']);
/** A server that handles SIGTERM: quits at once; the rest is the kubelet's own round trip. */
const SERVER_STOP_MS = 600;

/** Splits a shell script into simple commands on `;`, `&&`, `||` and newlines (quotes respected). */
function splitCommands(script: string): string[] {
  const out: string[] = [];
  let cur = '';
  let q: string | undefined;
  for (let i = 0; i < script.length; i++) {
    const ch = script[i]!;
    if (q) {
      if (ch === q) q = undefined;
      cur += ch;
    } else if (ch === '"' || ch === "'") {
      q = ch;
      cur += ch;
    } else if (ch === ';' || ch === '\n' || (ch === '&' && script[i + 1] === '&') || (ch === '|' && script[i + 1] === '|')) {
      if (ch !== ';' && ch !== '\n') i++;
      out.push(cur.trim());
      cur = '';
    } else cur += ch;
  }
  out.push(cur.trim());
  return out.filter((c) => c !== '');
}

function words(cmd: string): string[] {
  const out: string[] = [];
  const re = /"((?:[^"\\]|\\.)*)"|'([^']*)'|(\S+)/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(cmd))) out.push(m[1] ?? m[2] ?? m[3]!);
  return out;
}

function expand(s: string, env: Record<string, string>): string {
  return s.replace(/\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?/g, (_, k: string) => env[k] ?? '');
}

/** Runs a tiny subset of sh: echo, sleep, exit, true/false, date, hostname; loops run forever. */
function runScript(script: string, cx: StartContext, env: Record<string, string>): ProcessPlan {
  const logs: string[] = [];
  let t = 0;
  if (/\bwhile\b|\buntil\b|\bfor\b.*\bdo\b/.test(script) && /\bwhile\s+(true|:)|\buntil\s+false/.test(script)) {
    // An endless loop: print one pass of its output and keep running.
    const body = /\bdo\b([\s\S]*)\bdone\b/.exec(script)?.[1] ?? '';
    for (const c of splitCommands(body)) {
      const w = words(c);
      if (w[0] === 'echo') logs.push(expand(w.slice(1).join(' '), env));
    }
    return { exitCode: 0, logs, stopMs: 'grace' };
  }
  for (const c of splitCommands(script)) {
    const w = words(c).map((x) => expand(x, env));
    const cmd = w[0];
    if (cmd === 'echo') logs.push(w.slice(1).filter((x) => x !== '-n').join(' '));
    else if (cmd === 'sleep') {
      const n = w[1] === 'infinity' ? Infinity : Number(w[1]);
      if (!Number.isFinite(n)) return { exitCode: 0, logs, stopMs: 'grace' };
      t += n * 1000;
    } else if (cmd === 'exit') return { exitAfterMs: t, exitCode: Number(w[1] ?? 0) || 0, logs, stopMs: 'grace' };
    else if (cmd === 'false') return { exitAfterMs: t, exitCode: 1, logs, stopMs: 'grace' };
    else if (cmd === 'hostname') logs.push(cx.podName);
    // date(1)'s default format: `Wed Jan  1 00:01:01 UTC 2025` (day of month space-padded).
    else if (cmd === 'date') logs.push(new Date(cx.now + t).toUTCString().replace(/^(\w+), (\d+) (\w+) (\d+) ([\d:]+) GMT$/, (_, wd: string, d: string, mon: string, y: string, hms: string) => `${wd} ${mon} ${String(Number(d)).padStart(2, ' ')} ${hms} UTC ${y}`));
    else if (cmd === 'tail' && w.includes('-f')) return { exitCode: 0, logs, stopMs: 'grace' };
  }
  return { exitAfterMs: t, exitCode: 0, logs, stopMs: 'grace' };
}

export function planProcess(c: Container, image: ImageInfo | undefined, cx: StartContext): ProcessPlan {
  const env: Record<string, string> = { HOSTNAME: cx.podName };
  for (const e of c.env ?? []) if (e.value !== undefined) env[e.name] = e.value;
  const argv = [...(c.command ?? []), ...(c.args ?? [])];
  // A server image started with its own binary (`etcd --flags`, `nginx -g ...`) is still the server;
  // a shell or a shell utility as the command runs as a script.
  const utility = SHELLS.has(argv[0] ?? '') || UTILITIES.has(argv[0] ?? '');
  if (argv.length && (image?.behaviour !== 'server' || utility)) {
    if (SHELLS.has(argv[0]!) && argv[1] === '-c') return runScript(argv.slice(2).join(' '), cx, env);
    return runScript(argv.map((a) => (/\s/.test(a) ? JSON.stringify(a) : a)).join(' '), cx, env);
  }
  if (!image || image.behaviour === 'server') return { exitCode: 0, logs: image?.startupLogs?.(cx) ?? [], stopMs: SERVER_STOP_MS };
  // A shell or REPL with no TTY and no command reads EOF and exits 0 at once.
  return { exitAfterMs: 0, exitCode: 0, logs: [], stopMs: 'grace' };
}
