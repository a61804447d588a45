// The shape of a kubectl command (cobra's Command: name, aliases, flags, subcommands, run)
// and what a running command gets (kubectl's Flags -> Options -> Run, with the engine as
// the "server").
import type { ApiServer } from '../apiserver/apiserver.ts';
import type { Engine } from '../engine.ts';
import type { CommandIO } from '../shell/command-io.ts';
import type { Workspace } from '../workspace.ts';
import { Flags, type FlagSpec } from './flags.ts';
import { contextNamespace, type KubeConfig } from './kubeconfig.ts';

export interface KubectlEnv {
  engine: Engine;
  workspace: Workspace;
  config: KubeConfig;
  io: CommandIO;
}

export interface Command {
  name: string;
  aliases?: string[];
  flags: FlagSpec[];
  subcommands?: Command[];
  /** Upstream `Short` text (help listings). */
  short?: string;
  run?(cx: CommandContext): Promise<number> | number;
}

/** A user-facing failure: printed as `error: <message>` (+ optional usage hint), exit 1. */
export class CommandError extends Error {
  constructor(
    message: string,
    readonly hint?: string,
  ) {
    super(message);
  }
}

export class CommandContext {
  readonly flags: Flags;
  constructor(
    readonly env: KubectlEnv,
    flags: Flags,
    /** "kubectl get", "kubectl create deployment". */
    readonly path: string,
  ) {
    this.flags = flags;
  }
  get api(): ApiServer {
    return this.env.engine.api;
  }
  get engine(): Engine {
    return this.env.engine;
  }
  get io(): CommandIO {
    return this.env.io;
  }
  now(): number {
    return this.env.engine.clock.now();
  }
  get namespace(): string {
    return this.flags.str('namespace') || contextNamespace(this.env.config, this.flags.str('context') || undefined);
  }
  get explicitNamespace(): boolean {
    return this.flags.str('namespace') !== '';
  }
  out(s: string): void {
    this.env.io.out(s);
  }
  err(s: string): void {
    this.env.io.err(s);
  }
  /** `See 'kubectl get -h' for help and examples`. */
  helpHint(): string {
    return `See '${this.path} -h' for help and examples`;
  }
  /** klog's line for cobra's required-flag errors (kubectl v1.32 prints them through klog). */
  klogFatal(err: string): void {
    const d = new Date(this.now());
    const p = (n: number, w = 2) => String(n).padStart(w, '0');
    const head = `E${p(d.getUTCMonth() + 1)}${p(d.getUTCDate())} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())}.${p(d.getUTCMilliseconds() * 1000, 6)}`;
    this.err(`${head} ${String(KLOG_PID).padStart(7)} run.go:72] "command failed" err=${JSON.stringify(err)}\n`);
  }
}

/** The process id klog prints; any fixed number keeps transcripts reproducible. */
const KLOG_PID = 4242;
