// `kubectl get events` columns: printEvent (printers.go). Wide adds SUBOBJECT and SOURCE
// before MESSAGE, and FIRST SEEN, COUNT, NAME after it.
import type { Event } from '../../../api/core-v1.ts';
import type { Column, RowContext } from '../table.ts';
import { age } from './pod.ts';

function firstSeen(e: Event, cx: RowContext): string {
  return e.firstTimestamp ? age(e.firstTimestamp, cx) : age(e.eventTime, cx);
}

function lastSeen(e: Event, cx: RowContext): string {
  const series = e['series'] as { lastObservedTime?: string } | undefined;
  if (series) return age(series.lastObservedTime, cx);
  return e.lastTimestamp ? age(e.lastTimestamp, cx) : firstSeen(e, cx);
}

function count(e: Event): string {
  const series = e['series'] as { count?: number } | undefined;
  return String(series?.count ?? (e.count || 1));
}

export function eventObject(e: Event): string {
  const kind = (e.involvedObject.kind ?? '').toLowerCase();
  return e.involvedObject.name ? `${kind}/${e.involvedObject.name}` : kind;
}

function source(e: Event): string {
  const c = e.source?.component || e.reportingComponent || '';
  const h = e.source?.host || e.reportingInstance || '';
  return h ? `${c}, ${h}` : c;
}

export const columns: Column<Event>[] = [
  { name: 'Last Seen', cell: lastSeen },
  { name: 'Type', cell: (e) => e.type ?? '' },
  { name: 'Reason', cell: (e) => e.reason ?? '' },
  { name: 'Object', cell: eventObject },
  { name: 'Subobject', wide: true, cell: (e) => e.involvedObject.fieldPath ?? '' },
  { name: 'Source', wide: true, cell: source },
  { name: 'Message', cell: (e) => (e.message ?? '').trim() },
  { name: 'First Seen', wide: true, cell: firstSeen },
  { name: 'Count', wide: true, cell: count },
  { name: 'Name', wide: true, cell: (e) => e.metadata.name ?? '' },
];
