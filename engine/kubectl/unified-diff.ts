// GNU `diff -u` output for two texts (what kubectl diff runs): an LCS line diff, hunks with
// three lines of context, merged when their contexts touch, `@@ -l,n +l,n @@` headers with
// diff's own conventions for one-line and empty ranges.

const CONTEXT = 3;

type Op = { t: ' ' | '-' | '+'; line: string };

function lines(text: string): string[] {
  if (text === '') return [];
  const l = text.split('\n');
  if (l[l.length - 1] === '') l.pop();
  return l;
}

function ops(a: string[], b: string[]): Op[] {
  const n = a.length;
  const m = b.length;
  const lcs: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--) for (let j = m - 1; j >= 0; j--) lcs[i]![j] = a[i] === b[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
  const out: Op[] = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (a[i] === b[j]) {
      out.push({ t: ' ', line: a[i]! });
      i++;
      j++;
    } else if (lcs[i + 1]![j]! >= lcs[i]![j + 1]!) out.push({ t: '-', line: a[i++]! });
    else out.push({ t: '+', line: b[j++]! });
  }
  while (i < n) out.push({ t: '-', line: a[i++]! });
  while (j < m) out.push({ t: '+', line: b[j++]! });
  return out;
}

function range(start: number, count: number): string {
  if (count === 0) return `${start - 1 < 0 ? 0 : start - 1},0`;
  return count === 1 ? `${start}` : `${start},${count}`;
}

/** The hunks (without the ---/+++ header); '' when the texts are equal. */
export function unifiedHunks(aText: string, bText: string): string {
  const all = ops(lines(aText), lines(bText));
  const changed = all.map((o, i) => (o.t === ' ' ? -1 : i)).filter((i) => i >= 0);
  if (changed.length === 0) return '';
  // Group changes whose context windows overlap.
  const groups: [number, number][] = [];
  for (const i of changed) {
    const last = groups[groups.length - 1];
    if (last && i - last[1] <= CONTEXT * 2 + 1) last[1] = i;
    else groups.push([i, i]);
  }
  let out = '';
  for (const [first, lastChange] of groups) {
    const from = Math.max(0, first - CONTEXT);
    const to = Math.min(all.length - 1, lastChange + CONTEXT);
    // Line numbers before the hunk.
    let aLine = 1;
    let bLine = 1;
    for (let k = 0; k < from; k++) {
      if (all[k]!.t !== '+') aLine++;
      if (all[k]!.t !== '-') bLine++;
    }
    const slice = all.slice(from, to + 1);
    const aCount = slice.filter((o) => o.t !== '+').length;
    const bCount = slice.filter((o) => o.t !== '-').length;
    out += `@@ -${range(aCount === 0 ? aLine : aLine, aCount)} +${range(bLine, bCount)} @@\n`;
    for (const o of slice) out += `${o.t}${o.line}\n`;
  }
  return out;
}
