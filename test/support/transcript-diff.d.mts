export function lineMatches(expected: string, actual: string): boolean;
export function toLines(text: string): string[];
export interface LineOp {
  op: ' ' | '-' | '+';
  expected?: string;
  actual?: string;
  e?: number;
  a?: number;
}
export function alignLines(expected: string[], actual: string[]): LineOp[];
export function transcriptDiff(expectedText: string, actualText: string, options?: { context?: number }): string;
export function updatedGolden(expectedText: string, actualText: string): string;
