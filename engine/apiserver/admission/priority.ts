// Priority (plugin/pkg/admission/priority): resolves a pod's priorityClassName to spec.priority
// and spec.preemptionPolicy (the globalDefault class when none is named), and keeps a single
// globalDefault PriorityClass.
import type { Pod } from '../../api/core-v1.ts';
import type { KubeObject } from '../../api/meta.ts';
import type { Store } from '../../store/store.ts';
import { admissionForbidden, isPod, type AdmissionPlugin } from './admission.ts';

export const PRIORITY_CLASSES = 'priorityclasses.scheduling.k8s.io';

/** Built-in PriorityClasses every API server creates (used when their objects are absent). */
export const SYSTEM_PRIORITY_CLASSES: Readonly<Record<string, number>> = {
  'system-node-critical': 2000001000,
  'system-cluster-critical': 2000000000,
};

function globalDefault(store: Store): KubeObject | undefined {
  // Upstream picks the lowest-valued default if several slipped in; normally there is one.
  let best: KubeObject | undefined;
  for (const pc of store.list(PRIORITY_CLASSES))
    if (pc['globalDefault'] === true && (!best || (pc['value'] as number) < (best['value'] as number))) best = pc;
  return best;
}

export const priority: AdmissionPlugin = {
  name: 'Priority',
  validate(req, cx) {
    if (req.resource !== PRIORITY_CLASSES || !req.object || req.object['globalDefault'] !== true || req.operation === 'DELETE') return;
    const dpc = globalDefault(cx.store);
    if (dpc && (req.operation === 'CREATE' || dpc.metadata.name !== req.object.metadata.name))
      throw admissionForbidden(req, `PriorityClass ${dpc.metadata.name} is already marked as default. Only one default can exist`);
  },
  admit(req, cx) {
    if (!isPod(req)) return;
    const pod = req.object as Pod;
    const spec = pod.spec;
    if (!spec || typeof spec !== 'object') return;
    if (req.operation === 'UPDATE') {
      // Set on create; preserved on update (validation forbids changing it).
      const old = (req.oldObject as Pod | undefined)?.spec;
      if (spec.priority === undefined && old?.priority !== undefined) spec.priority = old.priority;
      if (spec.preemptionPolicy === undefined && old?.preemptionPolicy !== undefined) spec.preemptionPolicy = old.preemptionPolicy;
      return;
    }
    if (req.operation !== 'CREATE') return;
    let value: number;
    let policy: string;
    if (!spec.priorityClassName) {
      const dpc = globalDefault(cx.store);
      if (dpc) spec.priorityClassName = dpc.metadata.name!;
      value = dpc ? (dpc['value'] as number) : 0;
      policy = (dpc?.['preemptionPolicy'] as string | undefined) ?? 'PreemptLowerPriority';
    } else {
      const pc = cx.store.get(PRIORITY_CLASSES, undefined, spec.priorityClassName);
      const builtin = SYSTEM_PRIORITY_CLASSES[spec.priorityClassName];
      if (!pc && builtin === undefined) throw admissionForbidden(req, `no PriorityClass with name ${spec.priorityClassName} was found`);
      value = pc ? (pc['value'] as number) : builtin!;
      policy = (pc?.['preemptionPolicy'] as string | undefined) ?? 'PreemptLowerPriority';
    }
    if (spec.priority !== undefined && spec.priority !== null && spec.priority !== value)
      throw admissionForbidden(
        req,
        `the integer value of priority (${spec.priority}) must not be provided in pod spec; priority admission controller computed ${value} from the given PriorityClass name`,
      );
    spec.priority = value;
    if (spec.preemptionPolicy !== undefined && spec.preemptionPolicy !== null && spec.preemptionPolicy !== policy)
      throw admissionForbidden(
        req,
        `the string value of PreemptionPolicy (${spec.preemptionPolicy}) must not be provided in pod spec; priority admission controller computed ${policy} from the given PriorityClass name`,
      );
    spec.preemptionPolicy = policy;
  },
};
