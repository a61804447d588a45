// PersistentVolumeClaim and PersistentVolume strategies: volumeMode Filesystem, status phase
// Pending, access modes and storage size, and the PVC spec that is immutable after creation.
import { compareQuantity, parseQuantity } from '../../api/quantity.ts';
import type { KubeObject } from '../../api/meta.ts';
import type { FieldError } from '../status.ts';
import type { KindStrategy } from '../strategy.ts';
import { forbidden, invalid, notSupported, required } from '../validation/field.ts';
import { canonicalizeResourceList } from './pod-defaults.ts';
import { describePodSpecDiff } from './pod-update-diff.ts';

type Rec = Record<string, unknown>;
const ACCESS_MODES = ['ReadOnlyMany', 'ReadWriteMany', 'ReadWriteOnce', 'ReadWriteOncePod'];

export function defaultPVCSpec(spec: Rec): void {
  spec['volumeMode'] ??= 'Filesystem';
  const res = spec['resources'] as Rec | undefined;
  canonicalizeResourceList(res?.['requests'] as Rec | undefined);
  canonicalizeResourceList(res?.['limits'] as Rec | undefined);
}

function validateAccessModes(modes: unknown, p: string): FieldError[] {
  const list = (modes as string[] | undefined) ?? [];
  if (list.length === 0) return [required(p, 'at least 1 access mode is required')];
  const errs: FieldError[] = [];
  for (const m of list) if (!ACCESS_MODES.includes(m)) errs.push(notSupported(p, m, ACCESS_MODES));
  if (list.includes('ReadWriteOncePod') && list.length > 1) errs.push(forbidden(p, 'may not use ReadWriteOncePod with other access modes'));
  return errs;
}

function positiveStorage(v: unknown, p: string): FieldError[] {
  if (v === undefined) return [required(p)];
  try {
    const q = parseQuantity(v as string);
    if (compareQuantity(q, { mantissa: 0n, scale: 0, format: 'DecimalSI' }) <= 0) return [invalid(p, String(v), 'must be greater than zero')];
  } catch {
    /* decode already rejected it */
  }
  return [];
}

function validatePVCSpec(spec: Rec): FieldError[] {
  const errs = validateAccessModes(spec['accessModes'], 'spec.accessModes');
  const requests = ((spec['resources'] as Rec | undefined)?.['requests'] as Rec | undefined) ?? {};
  errs.push(...positiveStorage(requests['storage'], 'spec.resources[storage]'));
  const vm = spec['volumeMode'] as string | undefined;
  if (vm !== undefined && vm !== 'Filesystem' && vm !== 'Block') errs.push(notSupported('spec.volumeMode', vm, ['Block', 'Filesystem']));
  return errs;
}

export const pvcStrategy: KindStrategy = {
  prepareForCreate(obj) {
    obj['status'] = { phase: 'Pending' };
  },
  defaults(obj) {
    defaultPVCSpec(((obj['spec'] as Rec | undefined) ??= {}));
  },
  validate(obj) {
    return validatePVCSpec((obj['spec'] as Rec) ?? {});
  },
  validateUpdate(obj: KubeObject, old: KubeObject) {
    const a = structuredClone(obj['spec'] as Rec);
    const b = old['spec'] as Rec;
    const errs = validatePVCSpec(a);
    // Only requests may grow (on bound claims); everything else is fixed.
    const ar = a['resources'] as Rec | undefined;
    const br = b['resources'] as Rec | undefined;
    if (ar && br) ar['requests'] = br['requests'];
    delete a['volumeAttributesClassName'];
    const bb = { ...b };
    delete bb['volumeAttributesClassName'];
    // volumeName is set once by binding.
    if (!bb['volumeName'] && a['volumeName']) bb['volumeName'] = a['volumeName'];
    if (JSON.stringify(a) !== JSON.stringify(bb))
      errs.push(
        forbidden(
          'spec',
          `spec is immutable after creation except resources.requests and volumeAttributesClassName for bound claims\n${describePodSpecDiff(bb as never, a as never).replace('core.PodSpec', 'core.PersistentVolumeClaimSpec')}`,
        ),
      );
    return errs;
  },
};

const PV_SOURCES = ['hostPath', 'local', 'nfs', 'csi', 'iscsi', 'fc', 'cephfs', 'rbd', 'azureFile', 'azureDisk', 'gcePersistentDisk', 'awsElasticBlockStore', 'cinder', 'vsphereVolume', 'portworxVolume', 'flexVolume', 'glusterfs'];

export const pvStrategy: KindStrategy = {
  prepareForCreate(obj) {
    obj['status'] = { phase: 'Pending' };
  },
  defaults(obj) {
    const spec = ((obj['spec'] as Rec | undefined) ??= {});
    spec['persistentVolumeReclaimPolicy'] ||= 'Retain';
    spec['volumeMode'] ??= 'Filesystem';
    canonicalizeResourceList(spec['capacity'] as Rec | undefined);
  },
  validate(obj) {
    const spec = (obj['spec'] as Rec) ?? {};
    const errs = validateAccessModes(spec['accessModes'], 'spec.accessModes');
    const cap = (spec['capacity'] as Rec | undefined) ?? {};
    if (cap['storage'] === undefined) errs.push(required('spec.capacity'));
    else errs.push(...positiveStorage(cap['storage'], 'spec.capacity[storage]'));
    const sources = PV_SOURCES.filter((s) => spec[s] !== undefined);
    if (sources.length === 0) errs.push(required('spec', 'must specify a volume type'));
    else if (sources.length > 1) errs.push(forbidden(`spec.${sources[1]}`, 'may not specify more than 1 volume type'));
    const rp = spec['persistentVolumeReclaimPolicy'] as string;
    if (!['Delete', 'Recycle', 'Retain'].includes(rp)) errs.push(notSupported('spec.persistentVolumeReclaimPolicy', rp, ['Delete', 'Recycle', 'Retain']));
    return errs;
  },
};
