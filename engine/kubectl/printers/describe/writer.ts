// kubectl describe's PrefixWriter over a tabwriter (minwidth 0, tabwidth 8, padding 2):
// LEVEL_n indents 2n spaces; flush() ends the current column blocks, as w.Flush() does
// before the Events table.
import { tabwrite } from '../tabwriter.ts';

const DESCRIBE = { minwidth: 0, padding: 2 } as const;

export class DescribeWriter {
  private done = '';
  private pending = '';

  write(level: number, text: string): void {
    this.pending += '  '.repeat(level) + text;
  }

  flush(): void {
    this.done += tabwrite(this.pending, DESCRIBE);
    this.pending = '';
  }

  toString(): string {
    this.flush();
    return this.done;
  }
}
