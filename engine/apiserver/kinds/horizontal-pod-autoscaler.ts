// HorizontalPodAutoscaler (stored as autoscaling/v2): v1's targetCPUUtilizationPercentage
// converted, SetDefaults_HorizontalPodAutoscaler, and the replica-range checks.
import type { KubeObject } from '../../api/meta.ts';
import type { FieldError } from '../status.ts';
import type { KindStrategy } from '../strategy.ts';
import { invalid, required } from '../validation/field.ts';

type Rec = Record<string, unknown>;

function scaleUpDefaults(r: Rec | undefined): Rec {
  const out = { ...(r ?? {}) };
  out['stabilizationWindowSeconds'] ??= 0;
  out['selectPolicy'] ??= 'Max';
  out['policies'] ??= [
    { type: 'Pods', value: 4, periodSeconds: 15 },
    { type: 'Percent', value: 100, periodSeconds: 15 },
  ];
  return out;
}

function scaleDownDefaults(r: Rec | undefined): Rec {
  const out = { ...(r ?? {}) };
  out['selectPolicy'] ??= 'Max';
  out['policies'] ??= [{ type: 'Percent', value: 100, periodSeconds: 15 }];
  return out;
}

export const hpaStrategy: KindStrategy = {
  prepareForCreate(obj) {
    obj['status'] = { currentMetrics: null, desiredReplicas: 0 };
  },
  defaults(obj) {
    const spec = ((obj['spec'] as Rec | undefined) ??= {});
    const v1 = spec['targetCPUUtilizationPercentage'];
    if (v1 !== undefined) {
      spec['metrics'] = [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: v1 } } }];
      delete spec['targetCPUUtilizationPercentage'];
    }
    spec['minReplicas'] ??= 1;
    spec['metrics'] ??= [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 80 } } }];
    const b = spec['behavior'] as Rec | undefined;
    if (b) {
      b['scaleUp'] = scaleUpDefaults(b['scaleUp'] as Rec | undefined);
      b['scaleDown'] = scaleDownDefaults(b['scaleDown'] as Rec | undefined);
    }
  },
  validate(obj: KubeObject) {
    const spec = (obj['spec'] as Rec) ?? {};
    const errs: FieldError[] = [];
    const ref = (spec['scaleTargetRef'] as Rec | undefined) ?? {};
    if (!ref['kind']) errs.push(required('spec.scaleTargetRef.kind'));
    if (!ref['name']) errs.push(required('spec.scaleTargetRef.name'));
    const min = spec['minReplicas'] as number | undefined;
    const max = (spec['maxReplicas'] as number | undefined) ?? 0;
    if (min !== undefined && min < 1) errs.push(invalid('spec.minReplicas', min, 'must be greater than or equal to 1'));
    if (max < 1) errs.push(invalid('spec.maxReplicas', max, 'must be greater than 0'));
    if (min !== undefined && max < min) errs.push(invalid('spec.maxReplicas', max, 'must be greater than or equal to `minReplicas`'));
    ((spec['metrics'] as Rec[] | undefined) ?? []).forEach((m, i) => {
      const target = ((m['resource'] as Rec | undefined)?.['target'] as Rec | undefined) ?? {};
      const u = target['averageUtilization'] as number | undefined;
      if (u !== undefined && u <= 0) errs.push(invalid(`spec.metrics[${i}].resource.target.averageUtilization`, u, 'must be greater than 0'));
    });
    return errs;
  },
};
