// cron-parser (with luxon, ~360 KB) is loaded on demand so it stays out of the bundle that
// boots the cluster. Every entry point loads it before a CronJob can be reconciled
// (LocalEngine before running a command or restoring; the CLI at start; tests in `before`),
// so the CronJob controller always finds it and runs deterministically.
import type * as CronParserModule from 'cron-parser';

export type CronExpressionParserType = typeof CronParserModule.CronExpressionParser;

let parser: CronExpressionParserType | undefined;
let loading: Promise<void> | undefined;

export function loadCronParser(): Promise<void> {
  loading ??= import('cron-parser').then((m) => {
    // CommonJS: Vite and Node expose members on the namespace, a plain ESM bundle only on default.
    const mod = m as typeof CronParserModule & { default?: typeof CronParserModule };
    parser = mod.CronExpressionParser ?? mod.default!.CronExpressionParser;
  });
  return loading;
}

/** The parser, once loaded. */
export function cronExpressionParser(): CronExpressionParserType {
  if (!parser) throw new Error('cron-parser is not loaded: call loadCronParser() at the entry point first');
  return parser;
}

export function cronParserLoaded(): boolean {
  return parser !== undefined;
}
