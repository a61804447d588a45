// `sim` directives: what a learner does with the mouse, typed (DESIGN.md "The transcript
// format"): advance virtual time, settle, reset the cluster, add/stop/start/remove nodes,
// stop/start control-plane components.
import { resolveComponentName, setComponent } from '../components/control-plane.ts';
import { addNode, removeNode, setNodeKubelet, type AddNodeOptions } from '../cluster/nodes.ts';
import { ApiError } from '../apiserver/status.ts';
import type { BuiltinHost } from '../shell/builtins/builtin.ts';
import type { CommandIO } from '../shell/command-io.ts';
import { parseDuration } from './duration.ts';
import { loadDirective } from '../metrics/load-directive.ts';
import { FaultError, clearFault, injectFault } from '../faults/inject.ts';
import { faultTable } from '../faults/fault-table.ts';

export const SIM_USAGE = `Usage:
  sim advance DURATION              let virtual time pass (30s, 5m, 1h)
  sim settle                        run until nothing but heartbeats is pending
  sim reset [--seed N]              replace the cluster with a fresh one
  sim node add NAME [--cpu N] [--memory Q] [--labels k=v,...]
  sim node stop|start|remove NAME   a node's kubelet stops or starts; remove deletes the node
  sim node partition|heal NAME      cut a node off the API server, or reconnect it
  sim component stop|start NAME     apiserver, etcd, scheduler, controller-manager, ...
  sim load TYPE/NAME CPU [-n NS]    drive CPU load at a workload (500m, 2; 0 stops)
  sim fault list                    the injectable faults (engine/faults/catalog.ts)
  sim fault inject|clear ID [TARGET]  inject or clear a fault (TARGET: a node, or a pod)
`;

function fail(io: CommandIO, msg: string): number {
  io.err(`sim: ${msg}\n`);
  return 1;
}

function flagValue(args: string[], name: string): string | undefined {
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === `--${name}`) return args[i + 1];
    if (a.startsWith(`--${name}=`)) return a.slice(name.length + 3);
  }
  return undefined;
}

export async function simDirective(args: string[], io: CommandIO, host: BuiltinHost): Promise<number> {
  const [verb, ...rest] = args;
  const engine = host.engine;
  try {
    switch (verb) {
      case 'advance': {
        const ms = rest[0] === undefined ? undefined : parseDuration(rest[0]);
        if (ms === undefined) return fail(io, `advance: invalid duration "${rest[0] ?? ''}" (try 30s, 5m, 1h)`);
        engine.advance(ms);
        return 0;
      }
      case 'settle':
        engine.settle();
        return 0;
      case 'reset': {
        const s = flagValue(rest, 'seed');
        if (s !== undefined && !/^\d+$/.test(s)) return fail(io, `reset: --seed must be a non-negative integer, got "${s}"`);
        host.engine = host.reset(s === undefined ? undefined : Number(s));
        return 0;
      }
      case 'node': {
        const [action, name, ...opts] = rest;
        if (!action || !name) return fail(io, `node: expected "sim node add|stop|start|remove NAME"`);
        if (action === 'add') {
          const o: AddNodeOptions = {};
          const cpu = flagValue(opts, 'cpu');
          const memory = flagValue(opts, 'memory');
          const labels = flagValue(opts, 'labels');
          if (cpu) o.cpu = cpu;
          if (memory) o.memory = memory;
          if (labels) o.labels = Object.fromEntries(labels.split(',').map((kv) => kv.split('=') as [string, string]).map(([k, v]) => [k, v ?? '']));
          if (engine.api.tryGet('nodes', undefined, name)) return fail(io, `node: node "${name}" already exists`);
          addNode(engine, name, o);
        } else if (action === 'stop' || action === 'start') setNodeKubelet(engine, name, action === 'start');
        else if (action === 'partition' || action === 'heal') {
          if (action === 'partition') injectFault(engine, 'node-partition', name);
          else clearFault(engine, 'node-partition', name);
        }
        else if (action === 'remove') removeNode(engine, name);
        else return fail(io, `node: unknown action "${action}" (add, stop, start, remove, partition, heal)`);
        engine.runUntilQuiet();
        return 0;
      }
      case 'component': {
        const [action, typed] = rest;
        if ((action !== 'stop' && action !== 'start') || !typed) return fail(io, `component: expected "sim component stop|start NAME"`);
        const name = resolveComponentName(typed);
        if (!name) return fail(io, `component: unknown component "${typed}" (etcd, apiserver, scheduler, controller-manager, cloud-controller-manager)`);
        setComponent(engine, name, action);
        engine.runUntilQuiet();
        return 0;
      }
      case 'fault': {
        const [action, id, target, ...extra] = rest;
        if (action === 'list') {
          io.out(faultTable(engine));
          return 0;
        }
        if ((action !== 'inject' && action !== 'clear') || !id || extra.length)
          return fail(io, `fault: expected "sim fault list" or "sim fault inject|clear ID [TARGET]"`);
        try {
          (action === 'inject' ? injectFault : clearFault)(engine, id, target);
        } catch (e) {
          if (e instanceof FaultError) return fail(io, `fault: ${e.message}`);
          throw e;
        }
        return 0;
      }
      case 'load': {
        const err = loadDirective(engine, rest);
        if (err) return fail(io, err);
        engine.runUntilQuiet();
        return 0;
      }
      case undefined:
      case 'help':
      case '--help':
        io.out(SIM_USAGE);
        return verb === undefined ? 1 : 0;
      default:
        return fail(io, `unknown directive "${verb}"\n${SIM_USAGE.trimEnd()}`);
    }
  } catch (e) {
    if (e instanceof ApiError) {
      if (e.status.reason === 'NotFound') return fail(io, `${verb}: ${e.status.message}`);
      return fail(io, `${verb}: ${e.status.message}`);
    }
    throw e;
  }
}
