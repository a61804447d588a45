// LimitRange strategy: SetDefaults_LimitRangeItem (a Container item's max becomes its default,
// its default the defaultRequest, its min the defaultRequest when unset) and ValidateLimitRange.
import type { KubeObject } from '../../api/meta.ts';
import { compareQuantity, formatQuantity, milliValue, parseQuantity, quantityValue, type Quantity } from '../../api/quantity.ts';
import type { FieldError } from '../status.ts';
import type { KindStrategy } from '../strategy.ts';
import { duplicate, forbidden, invalidGo } from '../validation/field.ts';
import { goQuantity } from '../validation/go-quantity.ts';
import { canonicalizeResourceList } from './pod-defaults.ts';

type ResourceList = Record<string, string>;
type Item = Record<string, unknown> & { type?: string };
const LISTS = ['max', 'min', 'default', 'defaultRequest', 'maxLimitRequestRatio'] as const;

function itemsOf(obj: KubeObject): Item[] {
  const spec = obj['spec'] as { limits?: Item[] } | undefined;
  return Array.isArray(spec?.limits) ? spec!.limits.filter((i) => i && typeof i === 'object') : [];
}

function defaultItem(item: Item): void {
  for (const k of LISTS) canonicalizeResourceList(item[k] as Record<string, unknown> | undefined);
  if (item.type !== 'Container') return;
  const def = ((item['default'] as ResourceList | undefined) ??= {});
  const req = ((item['defaultRequest'] as ResourceList | undefined) ??= {});
  for (const [k, v] of Object.entries((item['max'] as ResourceList | undefined) ?? {})) if (!(k in def)) def[k] = v;
  for (const [k, v] of Object.entries(def)) if (!(k in req)) req[k] = v;
  for (const [k, v] of Object.entries((item['min'] as ResourceList | undefined) ?? {})) if (!(k in req)) req[k] = v;
  if (!Object.keys(def).length) delete item['default'];
  if (!Object.keys(req).length) delete item['defaultRequest'];
}

const MAX_MILLI = Number.MAX_SAFE_INTEGER / 1000;

function validateLimitRange(obj: KubeObject): FieldError[] {
  const errs: FieldError[] = [];
  const seenTypes = new Set<string>();
  itemsOf(obj).forEach((item, i) => {
    const path = `spec.limits[${i}]`;
    const type = item.type ?? '';
    if (seenTypes.has(type)) errs.push(duplicate(`${path}.type`, type));
    seenTypes.add(type);
    const lists: Record<string, Map<string, { q: Quantity; s: string }>> = {};
    for (const k of LISTS) {
      lists[k] = new Map();
      if (type === 'Pod' && (k === 'default' || k === 'defaultRequest')) {
        if (Object.keys((item[k] as ResourceList | undefined) ?? {}).length) errs.push(forbidden(`${path}.${k}`, "may not be specified when `type` is 'Pod'"));
        continue;
      }
      for (const [name, s] of Object.entries((item[k] as ResourceList | undefined) ?? {})) {
        try {
          lists[k]!.set(name, { q: parseQuantity(s), s });
        } catch {
          // Decoding already refused unparsable quantities.
        }
      }
    }
    const keys = new Set(LISTS.flatMap((k) => [...lists[k]!.keys()]));
    for (const name of keys) {
      const min = lists['min']!.get(name);
      const max = lists['max']!.get(name);
      const def = lists['default']!.get(name);
      const defReq = lists['defaultRequest']!.get(name);
      const ratio = lists['maxLimitRequestRatio']!.get(name);
      const f = formatQuantity;
      if (min && max && compareQuantity(min.q, max.q) > 0)
        errs.push(invalidGo(`${path}.min[${name}]`, goQuantity(min.s), `min value ${f(min.q)} is greater than max value ${f(max.q)}`));
      if (defReq && min && compareQuantity(min.q, defReq.q) > 0)
        errs.push(invalidGo(`${path}.defaultRequest[${name}]`, goQuantity(defReq.s), `min value ${f(min.q)} is greater than default request value ${f(defReq.q)}`));
      if (defReq && max && compareQuantity(defReq.q, max.q) > 0)
        errs.push(invalidGo(`${path}.defaultRequest[${name}]`, goQuantity(defReq.s), `default request value ${f(defReq.q)} is greater than max value ${f(max.q)}`));
      if (defReq && def && compareQuantity(defReq.q, def.q) > 0)
        errs.push(invalidGo(`${path}.defaultRequest[${name}]`, goQuantity(defReq.s), `default request value ${f(defReq.q)} is greater than default limit value ${f(def.q)}`));
      if (def && min && compareQuantity(min.q, def.q) > 0)
        errs.push(invalidGo(`${path}.default[${name}]`, goQuantity(min.s), `min value ${f(min.q)} is greater than default value ${f(def.q)}`));
      if (def && max && compareQuantity(def.q, max.q) > 0)
        errs.push(invalidGo(`${path}.default[${name}]`, goQuantity(max.s), `default value ${f(def.q)} is greater than max value ${f(max.q)}`));
      if (ratio && compareQuantity(ratio.q, { mantissa: 1n, scale: 0, format: 'DecimalSI' }) < 0)
        errs.push(invalidGo(`${path}.maxLimitRequestRatio[${name}]`, goQuantity(ratio.s), `ratio ${f(ratio.q)} is less than 1`));
      if (ratio && min && max) {
        let r = quantityValue(ratio.q);
        let lo = quantityValue(min.q);
        let hi = quantityValue(max.q);
        if (r < MAX_MILLI && lo < MAX_MILLI && hi < MAX_MILLI) {
          r = milliValue(ratio.q) / 1000;
          lo = milliValue(min.q);
          hi = milliValue(max.q);
        }
        const limit = hi / lo;
        if (r > limit) errs.push(invalidGo(`${path}.maxLimitRequestRatio[${name}]`, goQuantity(ratio.s), `ratio ${f(ratio.q)} is greater than max/min = ${limit.toFixed(6)}`));
      }
    }
  });
  return errs;
}

export const limitRangeStrategy: KindStrategy = {
  defaults(obj) {
    for (const item of itemsOf(obj)) defaultItem(item);
  },
  validate: validateLimitRange,
};
