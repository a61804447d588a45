// Go's text/tabwriter (the elastic-tabstop algorithm kubectl prints through): cells end at
// '\t', a column block is a run of consecutive lines that have a cell in that column, and
// each column is as wide as its widest cell plus padding (at least minwidth). The last
// cell of a line is not padded. `remember` keeps widths across writes, like the fork in
// k8s.io/cli-runtime/pkg/printers/tabwriter.go does for `get -w`.

export interface TabwriterOptions {
  minwidth: number;
  padding: number;
}

interface Cell {
  text: string;
  width: number;
}

export function tabwrite(text: string, opts: TabwriterOptions, remembered?: number[]): string {
  const raw = text.split('\n');
  const lastEmpty = raw[raw.length - 1] === '';
  if (lastEmpty) raw.pop();
  const lines: Cell[][] = raw.map((l) => l.split('\t').map((t) => ({ text: t, width: [...t].length })));
  const out: string[] = [];
  const widths: number[] = [];

  const writeLines = (line0: number, line1: number) => {
    for (let i = line0; i < line1; i++) {
      const line = lines[i]!;
      let s = '';
      line.forEach((c, j) => {
        s += c.text;
        if (j < widths.length && j < line.length - 1) s += ' '.repeat(Math.max(0, widths[j]! - c.width));
      });
      out.push(s);
    }
  };

  const format = (line0: number, line1: number) => {
    const column = widths.length;
    for (let cur = line0; cur < line1; cur++) {
      if (column >= lines[cur]!.length - 1) continue;
      writeLines(line0, cur);
      line0 = cur;
      let width = opts.minwidth;
      for (; cur < line1; cur++) {
        const line = lines[cur]!;
        if (column >= line.length - 1) break;
        const w = line[column]!.width + opts.padding;
        if (w > width) width = w;
      }
      if (remembered) {
        if (remembered[column] !== undefined && remembered[column]! > width) width = remembered[column]!;
        remembered[column] = width;
      }
      widths.push(width);
      format(line0, cur);
      widths.pop();
      line0 = cur;
      cur--;
    }
    writeLines(line0, line1);
  };

  format(0, lines.length);
  return out.join('\n') + (lastEmpty ? '\n' : '');
}
