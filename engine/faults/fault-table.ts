// `sim fault list`: the catalog as a kubectl-like table (ID, TARGET, ACTIVE, TITLE).
import type { Engine } from '../engine.ts';
import { listFaults } from './inject.ts';

export function faultTable(engine: Engine): string {
  const rows = [['ID', 'TARGET', 'ACTIVE', 'TITLE']];
  for (const { def, active } of listFaults(engine)) {
    const target = def.target === 'node' ? `node (${def.defaultTarget})` : def.target;
    rows.push([def.id, target, active.length ? active.map((a) => a || 'yes').join(',') : '-', def.title]);
  }
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  return rows.map((r) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]! + 3))).join('')).join('\n') + '\n';
}
