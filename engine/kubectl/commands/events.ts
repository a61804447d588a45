// kubectl events [--for TYPE/NAME] [--types Normal,Warning] [-A] [-w]: events sorted by last
// seen, `LAST SEEN (xN over M)` for repeats, OBJECT as Kind/name. Mirrors
// pkg/cmd/events/events.go and its printer.
import type { Event } from '../../api/core-v1.ts';
import type { KubeObject } from '../../api/meta.ts';
import { parseTime } from '../../time/clock.ts';
import { CommandError, type Command, type CommandContext } from '../command.ts';
import { parseOutput } from '../output-format.ts';
import { humanDuration } from '../printers/human-duration.ts';
import { renderObjects } from '../printers/output.ts';
import { renderRows } from '../printers/table.ts';
import { resolveArgs, ResourceArgError } from '../resource-args.ts';

export const events: Command = {
  name: 'events',
  short: 'List events',
  flags: [
    { name: 'all-namespaces', short: 'A', type: 'bool' },
    { name: 'chunk-size', type: 'int' },
    { name: 'for', type: 'string' },
    { name: 'no-headers', type: 'bool' },
    { name: 'output', short: 'o', type: 'string' },
    { name: 'types', type: 'stringSlice' },
    { name: 'watch', short: 'w', type: 'bool' },
    { name: 'allow-missing-template-keys', type: 'bool' },
    { name: 'show-managed-fields', type: 'bool' },
    { name: 'template', type: 'string' },
  ],
  run,
};

function since(ts: string | undefined | null, now: number): string {
  const t = parseTime(ts ?? undefined);
  return t === undefined || t === 0 ? '<unknown>' : humanDuration(now - t);
}

function lastSeen(e: Event, now: number): string {
  const first = e.eventTime ? since(e.eventTime, now) : since(e.firstTimestamp, now);
  const series = e['series'] as { count?: number; lastObservedTime?: string } | undefined;
  if (series) return `${since(series.lastObservedTime, now)} (x${series.count ?? 0} over ${first})`;
  if ((e.count ?? 0) > 1) return `${since(e.lastTimestamp, now)} (x${e.count} over ${first})`;
  return first;
}

/** SortableEvents: by lastTimestamp, falling back to eventTime. */
function sortTime(e: Event): number {
  return parseTime(e.lastTimestamp ?? undefined) ?? parseTime(e.eventTime ?? undefined) ?? 0;
}

function rows(evs: Event[], now: number, allNs: boolean, header: boolean): string[][] {
  const out: string[][] = [];
  if (header) out.push([...(allNs ? ['NAMESPACE'] : []), 'LAST SEEN', 'TYPE', 'REASON', 'OBJECT', 'MESSAGE']);
  for (const e of evs)
    out.push([
      ...(allNs ? [e.metadata.namespace ?? ''] : []),
      lastSeen(e, now),
      e.type ?? '',
      e.reason ?? '',
      `${e.involvedObject.kind ?? ''}/${e.involvedObject.name ?? ''}`,
      (e.message ?? '').trim(),
    ]);
  return out;
}

async function run(cx: CommandContext): Promise<number> {
  const f = cx.flags;
  const allNs = f.bool('all-namespaces');
  const ns = cx.namespace;
  const types = f.list('types');
  for (const t of types) if (!['normal', 'warning'].includes(t.toLowerCase())) throw new CommandError('valid --types are Normal or Warning');
  let forKind: string | undefined;
  let forName: string | undefined;
  if (f.str('for')) {
    const v = f.str('for');
    if (!v.includes('/')) throw new CommandError('--for must be in resource/name form');
    try {
      const r = resolveArgs([v]).requests[0]!;
      forKind = r.type.kind;
      forName = r.names[0];
    } catch (e) {
      if (e instanceof ResourceArgError) {
        cx.err(`${e.message}\n`);
        return 1;
      }
      throw e;
    }
  }
  const output = parseOutput(f.str('output'), false, { template: f.str('template'), read: (p) => cx.env.workspace.read(p) });
  const keep = (e: Event) =>
    (allNs || e.metadata.namespace === ns) &&
    (!forKind || (e.involvedObject.kind === forKind && e.involvedObject.name === forName)) &&
    (types.length === 0 || types.some((t) => t.toLowerCase() === (e.type ?? '').toLowerCase()));
  const list = (cx.api.list('events', allNs ? undefined : ns) as Event[]).filter(keep);
  const sorted = list.map((e, i) => ({ e, i })).sort((a, b) => sortTime(a.e) - sortTime(b.e) || a.i - b.i).map((x) => x.e);
  if (output) {
    const doc = { apiVersion: 'v1', items: sorted.map((e) => ({ ...e, apiVersion: 'v1', kind: 'Event' })), kind: 'EventList', metadata: {} } as unknown as KubeObject;
    cx.out(renderObjects([doc], output, true, { showManagedFields: f.bool('show-managed-fields') }));
    return 0;
  }
  const widths: number[] = [];
  let headerDone = f.bool('no-headers');
  if (sorted.length === 0 && !f.bool('watch')) {
    cx.err(allNs ? 'No events found.\n' : `No events found in ${ns} namespace.\n`);
    return 0;
  }
  if (sorted.length) {
    cx.out(renderRows(rows(sorted, cx.now(), allNs, !headerDone), widths));
    headerDone = true;
  }
  if (!f.bool('watch')) return 0;
  const stop = cx.api.watch((ev) => {
    const e = ev.object as Event;
    if (ev.type === 'DELETED' || !keep(e)) return;
    cx.out(renderRows(rows([e], cx.now(), allNs, !headerDone), widths));
    headerDone = true;
  }, 'events');
  try {
    while (!cx.io.cancelled()) await cx.io.sleep(1000);
  } finally {
    stop();
  }
  return 0;
}
