// The page's Faults menu (EngineApi.faults / injectFault / clearFault): the catalog with what is
// injected now, and inject/clear with expected failures returned as a message, never thrown.
import { ApiError } from '../apiserver/status.ts';
import type { ActionResult, FaultInfo } from '../engine-api.ts';
import type { Engine } from '../engine.ts';
import { FaultError, clearFault, injectFault, listFaults } from './inject.ts';

export function faultInfos(engine: Engine): FaultInfo[] {
  return listFaults(engine).map(({ def, active }) => ({
    id: def.id, title: def.title, category: def.category, target: def.target,
    ...(def.defaultTarget ? { defaultTarget: def.defaultTarget } : {}),
    description: def.description, effect: def.effect, ...(def.oneShot ? { oneShot: true } : {}), active,
  }));
}

export function faultAction(engine: Engine, action: 'inject' | 'clear', id: string, target?: string): ActionResult {
  try {
    const message = action === 'inject' ? injectFault(engine, id, target || undefined) : clearFault(engine, id, target || undefined);
    return { ok: true, message };
  } catch (e) {
    if (e instanceof FaultError) return { ok: false, message: e.message };
    if (e instanceof ApiError) return { ok: false, message: e.status.message };
    throw e;
  }
}
