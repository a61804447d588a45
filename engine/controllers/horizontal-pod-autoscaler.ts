// The HorizontalPodAutoscaler controller (pkg/controller/podautoscaler): every 15 s per HPA it
// reads the target's scale and the pods' resource metrics from the simulated metrics-server,
// computes desired = ceil(ready pods x usage/target) with the 10% tolerance (unready and
// unscraped pods counted conservatively), stabilises scale-down over 300 s (the highest
// recent recommendation), rate-limits with the behavior policies (up: max(4 pods, 100%) per
// 15 s; down: 100% per 15 s), clamps to [min, max], writes the scale, and reports conditions,
// currentMetrics and `SuccessfulRescale` events as upstream.
import type { Pod } from '../api/core-v1.ts';
import type { Condition, KubeObject, LabelSelector } from '../api/meta.ts';
import { fromLabelSelector, matches } from '../api/labels.ts';
import { resolveResource, resourceKey } from '../apiserver/registry.ts';
import { ApiError } from '../apiserver/status.ts';
import { podUsage, metricsAvailable, type ContainerUsage } from '../metrics/usage.ts';
import { quantityValue } from '../scheduler/resources.ts';
import type { Store } from '../store/store.ts';
import type { Engine } from '../engine.ts';
import { rfc3339 } from '../time/clock.ts';
import { keyOf, splitKey, type Controller, type ReconcileContext, type Result } from './controller.ts';

export const HPA_SYNC_MS = 15_000;
export const TOLERANCE = 0.1;
const COMPONENT = 'horizontal-pod-autoscaler';
/** Pods younger than this whose CPU is not yet representative count as unready (cpu-initialization-period is 5 min; readiness delay 30 s). */
const READINESS_DELAY_MS = 30_000;

type Rec = Record<string, any>;

interface Policy { type: 'Pods' | 'Percent'; value: number; periodSeconds: number }
interface Rules { stabilizationWindowSeconds?: number; selectPolicy?: 'Max' | 'Min' | 'Disabled'; policies?: Policy[] }

const DEFAULT_UP: Rules = { stabilizationWindowSeconds: 0, selectPolicy: 'Max', policies: [{ type: 'Pods', value: 4, periodSeconds: 15 }, { type: 'Percent', value: 100, periodSeconds: 15 }] };
const DEFAULT_DOWN: Rules = { stabilizationWindowSeconds: 300, selectPolicy: 'Max', policies: [{ type: 'Percent', value: 100, periodSeconds: 15 }] };

/** Per-HPA memory the controller keeps in-process upstream (recommendations, scale events). */
interface HpaMemory {
  recommendations: { t: number; replicas: number }[];
  events: { t: number; delta: number }[];
}
const memKey = (uid: string) => `hpa/${uid}`;

interface MetricResult {
  /** "cpu resource utilization (percentage of request)" */
  description: string;
  replicas: number;
  current: Rec;
  error?: { reason: string; message: string };
}

function condition(prev: Condition[] | undefined, type: string, ok: boolean, reason: string, message: string, now: number): Condition {
  const status = ok ? 'True' : 'False';
  const old = prev?.find((c) => c.type === type);
  return { type, status, lastTransitionTime: old && old.status === status ? old.lastTransitionTime! : rfc3339(now), reason, message } as Condition;
}

const isReady = (p: Pod) => p.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false;

export function createHorizontalPodAutoscalerController(engine: Engine): Controller {
  const store: Store = engine.store;
  function metric(cx: ReconcileContext, hpa: Rec, m: Rec, pods: Pod[], current: number): MetricResult {
    const res = m['resource'] as { name: string; target: { type: string; averageUtilization?: number; averageValue?: string } };
    const name = res.name;
    const isUtil = res.target.type === 'Utilization';
    const description = isUtil ? `${name} resource utilization (percentage of request)` : `${name} resource`;
    const fail = (message: string): MetricResult => ({ description, replicas: current, current: {}, error: { reason: 'FailedGetResourceMetric', message } });
    if (!metricsAvailable(engine))
      return fail(`failed to get ${name} utilization: unable to get metrics for resource ${name}: unable to fetch metrics from resource metrics API: the server is currently unable to handle the request (get pods.metrics.k8s.io)`);
    const usage = new Map<string, ContainerUsage[]>();
    for (const p of pods) {
      const u = podUsage(engine, p);
      if (u) usage.set(p.metadata.uid!, u);
    }
    if (usage.size === 0) return fail(`failed to get ${name} utilization: unable to get metrics for resource ${name}: no metrics returned from resource metrics API`);
    const valueOf = (u: ContainerUsage[]) => u.reduce((s, c) => s + (name === 'cpu' ? c.cpuMilli : c.memoryBytes), 0);
    const requestOf = (p: Pod): number | undefined => {
      let sum = 0;
      for (const c of p.spec.containers) {
        const r = c.resources?.requests?.[name];
        if (r === undefined) return undefined;
        sum += name === 'cpu' ? quantityValue(r) * 1000 : quantityValue(r);
      }
      return sum;
    };
    const now = cx.clock.now();
    const ready: Pod[] = [], unready: Pod[] = [], missing: Pod[] = [];
    for (const p of pods) {
      if (!usage.has(p.metadata.uid!)) missing.push(p);
      else if (name === 'cpu' && (!isReady(p) || Date.parse(p.status?.startTime ?? '') + READINESS_DELAY_MS > now && !isReady(p))) unready.push(p);
      else ready.push(p);
    }
    let usedSum = 0, reqSum = 0;
    for (const p of ready) {
      const r = requestOf(p);
      if (r === undefined && isUtil) {
        const c = p.spec.containers.find((x) => x.resources?.requests?.[name] === undefined)!;
        return fail(`failed to get ${name} utilization: missing request for ${name} in container ${c.name} of Pod ${p.metadata.name}`);
      }
      usedSum += valueOf(usage.get(p.metadata.uid!)!);
      reqSum += r ?? 0;
    }
    if (ready.length === 0) return fail(`failed to get ${name} utilization: did not receive metrics for targeted pods (pods might be unready)`);
    const avgValue = usedSum / ready.length;
    const utilization = reqSum > 0 ? Math.trunc((usedSum * 100) / reqSum) : 0;
    const target = isUtil ? res.target.averageUtilization! : quantityValue(res.target.averageValue!) * (name === 'cpu' ? 1000 : 1);
    const currentValue = isUtil ? (reqSum > 0 ? (usedSum * 100) / reqSum : 0) : avgValue;
    let ratio = currentValue / target;
    const currentRec: Rec = isUtil
      ? { averageUtilization: utilization, averageValue: name === 'cpu' ? `${Math.round(avgValue)}m` : bytesQuantity(avgValue) }
      : { averageValue: name === 'cpu' ? `${Math.round(avgValue)}m` : bytesQuantity(avgValue) };
    const out = (replicas: number): MetricResult => ({ description, replicas, current: currentRec });
    if (missing.length === 0 && unready.length === 0) {
      if (Math.abs(1 - ratio) <= TOLERANCE) return out(current);
      return out(Math.ceil(ratio * ready.length));
    }
    // Rebalance: missing pods use 0% when scaling up and 100% when scaling down; unready pods 0% (up only).
    const up = ratio > 1;
    if (Math.abs(1 - ratio) <= TOLERANCE && !(up && unready.length)) return out(current);
    const perPodTarget = isUtil ? (reqSum / ready.length) * (target / 100) : target;
    let used = usedSum;
    let count = ready.length;
    for (const _ of missing) {
      count++;
      if (!up) used += isUtil ? perPodTarget : target;
    }
    if (up) count += unready.length;
    const newValue = isUtil ? (used * 100) / ((reqSum / ready.length) * count) : used / count;
    ratio = newValue / target;
    if (Math.abs(1 - ratio) <= TOLERANCE || (up && ratio < 1) || (!up && ratio > 1)) return out(current);
    const desired = Math.ceil(ratio * count);
    if ((up && desired < current) || (!up && desired > current)) return out(current);
    return out(desired);
  }


  function reconcile(key: string, cx: ReconcileContext): Result {
    const { namespace, name } = splitKey(key);
    const hpa = cx.api.tryGet('horizontalpodautoscalers.autoscaling', namespace, name) as Rec | undefined;
    if (!hpa) return;
    cx.cancel(key);
    cx.schedule(HPA_SYNC_MS, key, undefined, true);
    const now = cx.clock.now();
    const spec = hpa['spec'] as Rec;
    const ref = spec['scaleTargetRef'] as { apiVersion?: string; kind: string; name: string };
    const prev = (hpa['status']?.['conditions'] as Condition[] | undefined) ?? undefined;
    const status: Rec = { ...(hpa['status'] ?? {}) };
    const conds: Condition[] = [];
    const save = () => {
      status['conditions'] = conds;
      const next = structuredClone(hpa) as KubeObject;
      next['status'] = status;
      if (JSON.stringify(next['status']) !== JSON.stringify(hpa['status'])) cx.api.updateStatus('horizontalpodautoscalers.autoscaling', next);
    };
    const group = (ref.apiVersion ?? '').split('/').length === 2 ? ref.apiVersion!.split('/')[0]! : '';
    const type = resolveResource(`${ref.kind.toLowerCase()}${group ? `.${group}` : ''}`);
    const target = type ? (cx.api.tryGet(resourceKey(type), namespace, ref.name) as Rec | undefined) : undefined;
    if (!type || !target) {
      const msg = `the HPA controller was unable to get the target's current scale: ${ref.kind.toLowerCase()}s${group ? `.${group}` : ''} "${ref.name}" not found`;
      conds.push(condition(prev, 'AbleToScale', false, 'FailedGetScale', msg, now));
      cx.events.record(hpa as KubeObject, { component: COMPONENT }, 'Warning', 'FailedGetScale', `${ref.kind.toLowerCase()}s${group ? `.${group}` : ''} "${ref.name}" not found`);
      save();
      return;
    }
    const current = (target['spec']?.['replicas'] as number | undefined) ?? 1;
    const sel = fromLabelSelector(target['spec']?.['selector'] as LabelSelector | undefined);
    const pods = sel ? (cx.api.list('pods', namespace) as Pod[]).filter((p) => !p.metadata.deletionTimestamp && p.status?.phase !== 'Failed' && p.status?.phase !== 'Succeeded' && matches(sel, p.metadata.labels ?? {})) : [];
    const min = (spec['minReplicas'] as number | undefined) ?? 1;
    const max = spec['maxReplicas'] as number;
    status['currentReplicas'] = current;
    if (current === 0 && min !== 0) {
      conds.push(condition(prev, 'AbleToScale', true, 'SucceededGetScale', 'the HPA controller was able to get the target\'s current scale', now));
      conds.push(condition(prev, 'ScalingActive', false, 'ScalingDisabled', 'scaling is disabled since the replica count of the target is zero', now));
      status['desiredReplicas'] = 0;
      save();
      return;
    }
    const results = ((spec['metrics'] as Rec[] | undefined) ?? []).filter((m) => m['type'] === 'Resource').map((m) => metric(cx, hpa, m, pods, current));
    status['currentMetrics'] = results.map((r, i) => {
      const m = (spec['metrics'] as Rec[])[i]!;
      return { type: 'Resource', resource: { name: m['resource']['name'], current: r.error ? {} : r.current } };
    });
    const valid = results.filter((r) => !r.error);
    if (valid.length === 0) {
      const err = results[0]?.error ?? { reason: 'FailedGetResourceMetric', message: 'no metrics' };
      conds.push(condition(prev, 'AbleToScale', true, 'SucceededGetScale', 'the HPA controller was able to get the target\'s current scale', now));
      conds.push(condition(prev, 'ScalingActive', false, err.reason, `the HPA was unable to compute the replica count: ${err.message}`, now));
      cx.events.record(hpa as KubeObject, { component: COMPONENT }, 'Warning', err.reason, err.message);
      cx.events.record(hpa as KubeObject, { component: COMPONENT }, 'Warning', 'FailedComputeMetricsReplicas', `invalid metrics (1 invalid out of 1), first error is: ${err.message}`);
      status['currentMetrics'] = null;
      status['desiredReplicas'] = current;
      save();
      return;
    }
    // The largest proposal wins (the metric that drives it names the reason).
    let best = valid[0]!;
    for (const r of valid) if (r.replicas > best.replicas) best = r;
    let proposal = best.replicas;
    const reason = proposal > current ? `${best.description} above target` : 'All metrics below target';

    // Behavior: stabilization windows and rate limits.
    const b = (spec['behavior'] as { scaleUp?: Rules; scaleDown?: Rules } | undefined) ?? {};
    const upR = { ...DEFAULT_UP, ...(b.scaleUp ?? {}) };
    const downR = { ...DEFAULT_DOWN, ...(b.scaleDown ?? {}) };
    const mem: HpaMemory = structuredClone(store.getRecord<HpaMemory>(memKey(hpa['metadata'].uid)) ?? { recommendations: [], events: [] });
    const upWin = (upR.stabilizationWindowSeconds ?? 0) * 1000;
    const downWin = (downR.stabilizationWindowSeconds ?? 300) * 1000;
    mem.recommendations.push({ t: now, replicas: proposal });
    mem.recommendations = mem.recommendations.filter((r) => now - r.t <= Math.max(upWin, downWin));
    let upRec = proposal, downRec = proposal;
    for (const r of mem.recommendations) {
      if (now - r.t <= upWin) upRec = Math.min(upRec, r.replicas);
      if (now - r.t <= downWin) downRec = Math.max(downRec, r.replicas);
    }
    let stabilized = current;
    if (stabilized < upRec) stabilized = upRec;
    if (stabilized > downRec) stabilized = downRec;
    const stabilizedDown = stabilized > proposal && proposal < current;
    proposal = stabilized;
    const periodDelta = (secs: number, sign: 1 | -1) =>
      mem.events.filter((e) => now - e.t <= secs * 1000 && Math.sign(e.delta) === sign).reduce((s, e) => s + Math.abs(e.delta), 0);
    if (proposal > current) {
      const limits = (upR.policies ?? []).map((p) => {
        const start = current - periodDelta(p.periodSeconds, 1);
        return p.type === 'Pods' ? start + p.value : Math.ceil(start * (1 + p.value / 100));
      });
      const limit = upR.selectPolicy === 'Disabled' ? current : limits.length ? (upR.selectPolicy === 'Min' ? Math.min(...limits) : Math.max(...limits)) : proposal;
      proposal = Math.min(proposal, limit);
    } else if (proposal < current) {
      const limits = (downR.policies ?? []).map((p) => {
        const start = current + periodDelta(p.periodSeconds, -1);
        return p.type === 'Pods' ? start - p.value : Math.ceil(start * (1 - p.value / 100));
      });
      const limit = downR.selectPolicy === 'Disabled' ? current : limits.length ? (downR.selectPolicy === 'Min' ? Math.max(...limits) : Math.min(...limits)) : proposal;
      proposal = Math.max(proposal, limit);
    }
    let limited: Condition;
    let desired = proposal;
    if (desired < min) {
      desired = min;
      limited = condition(prev, 'ScalingLimited', true, 'TooFewReplicas', 'the desired replica count is less than the minimum replica count', now);
    } else if (desired > max) {
      desired = max;
      limited = condition(prev, 'ScalingLimited', true, 'TooManyReplicas', 'the desired replica count is more than the maximum replica count', now);
    } else limited = condition(prev, 'ScalingLimited', false, 'DesiredWithinRange', 'the desired count is within the acceptable range', now);

    if (desired !== current) {
      try {
        cx.api.patch(resourceKey(type), namespace, ref.name, 'merge', { spec: { replicas: desired } });
      } catch (e) {
        if (!(e instanceof ApiError)) throw e;
        conds.push(condition(prev, 'AbleToScale', false, 'FailedUpdateScale', `the HPA controller was unable to update the target scale: ${e.status.message}`, now));
        save();
        return;
      }
      mem.events.push({ t: now, delta: desired - current });
      mem.events = mem.events.filter((e) => now - e.t <= 30 * 60_000);
      cx.events.record(hpa as KubeObject, { component: COMPONENT }, 'Normal', 'SuccessfulRescale', `New size: ${desired}; reason: ${desired > current ? reason : 'All metrics below target'}`);
      status['lastScaleTime'] = rfc3339(now);
      conds.push(condition(prev, 'AbleToScale', true, 'SucceededRescale', `the HPA controller was able to update the target scale to ${desired}`, now));
    } else if (stabilizedDown) {
      conds.push(condition(prev, 'AbleToScale', true, 'ScaleDownStabilized', 'recent recommendations were higher than current one, applying the highest recent recommendation', now));
    } else {
      conds.push(condition(prev, 'AbleToScale', true, 'ReadyForNewScale', 'recommended size matches current size', now));
    }
    store.setRecord(memKey(hpa['metadata'].uid), mem);
    conds.push(condition(prev, 'ScalingActive', true, 'ValidMetricFound', `the HPA was able to successfully calculate a replica count from ${best.description}`, now));
    conds.push(limited);
    status['desiredReplicas'] = desired;
    save();
  }

  return {
    name: COMPONENT,
    watches: [{ resource: 'horizontalpodautoscalers.autoscaling', map: (o, old) => (old ? [] : [keyOf(o)]) }],
    reconcile,
  };
}

function bytesQuantity(b: number): string {
  const mi = b / (1024 * 1024);
  return Number.isInteger(mi) ? `${mi}Mi` : `${Math.round(b / 1024)}Ki`;
}
