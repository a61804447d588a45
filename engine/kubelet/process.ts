// What a container's main process does, as the pod machine needs it: when it exits (if ever),
// with which code and reason, the lines it prints at start, and how fast it stops on SIGTERM.
// Server images run until stopped and print their startup lines; a shell, a shell utility or
// any command of a non-server image runs in the virtual-process interpreter
// (engine/containers/virtual-process.ts), looked ahead to find its exit.
import type { Container } from '../api/core-v1.ts';
import type { ImageInfo, StartContext } from '../containers/images.ts';
import { STEP_CAP, VirtualProcess, type ProcessInput } from '../containers/virtual-process.ts';

export interface ProcessPlan {
  /** undefined: runs until it is stopped. */
  exitAfterMs?: number;
  exitCode: number;
  /** Terminated reason when not the default (Completed/Error): OOMKilled. */
  exitReason?: string;
  logs: string[];
  /** How long SIGTERM takes to stop it (PID-1 shells ignore SIGTERM: the whole grace period). */
  stopMs: number | 'grace';
}

const UTILITIES = new Set(['echo', 'sleep', 'exit', 'true', 'false', 'date', 'hostname', 'tail', 'cat', 'env', 'printenv', 'ls', 'wget', 'nslookup', 'perl', 'stress', 'printf', 'touch']);
const SHELLS = new Set(['sh', '/bin/sh', 'bash', '/bin/bash', 'ash', '/bin/ash']);
/** A server that handles SIGTERM: quits at once; the rest is the kubelet's own round trip. */
const SERVER_STOP_MS = 600;
/** How far ahead (virtual) a script is run to find its exit. */
const LOOKAHEAD_MS = 7 * 86_400_000;
/** A process that allocates more than its limit is OOM-killed this long after it starts. */
const OOM_AFTER_MS = 1_000;

/** The argv the container runs as a script, or undefined for a server image's own process. */
export function scriptArgv(c: Container, image: ImageInfo | undefined): string[] | undefined {
  const argv = [...(c.command ?? []), ...(c.args ?? [])];
  // A server image started with its own binary (`etcd --flags`, `nginx -g ...`) is still the server;
  // a shell or a shell utility as the command runs as a script.
  const first = (argv[0] ?? '').split('/').pop()!;
  const utility = SHELLS.has(argv[0] ?? '') || UTILITIES.has(first);
  if (argv.length && (image?.behaviour !== 'server' || utility)) return argv;
  if (image && image.behaviour !== 'server') return [];
  return undefined;
}

export interface PlanInput {
  container: Container;
  image: ImageInfo | undefined;
  start: StartContext;
  /** The process's input when it runs as a script (env, files). */
  process?: ProcessInput;
  /** Memory the container uses beyond what its process allocates (image base or a knob). */
  memoryBytes: number;
  memoryLimit?: number;
}

/** The plan of a process that outgrows its memory limit: OOM-killed shortly after it starts. */
function oom(p: PlanInput, plan: ProcessPlan, used: number): ProcessPlan {
  return p.memoryLimit !== undefined && used > p.memoryLimit && (plan.exitAfterMs === undefined || plan.exitAfterMs > OOM_AFTER_MS)
    ? { ...plan, exitAfterMs: OOM_AFTER_MS, exitCode: 137, exitReason: 'OOMKilled' }
    : plan;
}

/** Plans the container's process; returns the live VirtualProcess too when it is a script. */
export function planProcess(p: PlanInput): { plan: ProcessPlan; proc?: VirtualProcess } {
  if (p.process && p.process.argv.length) {
    const proc = new VirtualProcess(p.process);
    proc.advance(p.start.now + LOOKAHEAD_MS, STEP_CAP);
    const plan: ProcessPlan = { exitCode: proc.exit?.code ?? 0, logs: [], stopMs: 'grace' };
    if (proc.exit) plan.exitAfterMs = proc.exit.t - p.start.now;
    return { plan: oom(p, plan, p.memoryBytes + proc.memoryBytes), proc };
  }
  if (!p.image || p.image.behaviour === 'server')
    return { plan: oom(p, { exitCode: 0, logs: p.image?.startupLogs?.(p.start) ?? [], stopMs: SERVER_STOP_MS }, p.memoryBytes) };
  // A shell or REPL with no TTY and no command reads EOF and exits 0 at once.
  return { plan: { exitAfterMs: 0, exitCode: 0, logs: [], stopMs: 'grace' } };
}
