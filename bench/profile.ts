// `--profile` (Node only): a CPU profile of a benchmark's timed phase only (set-up excluded),
// written as <name>.cpuprofile in the current directory for Chrome DevTools.
import type { Session } from 'node:inspector/promises';
import { args } from './runtime.ts';

export const profiling = args.includes('--profile');
let session: Session | undefined;

export async function startProfile(): Promise<void> {
  if (!profiling) return;
  const inspector = await import('node:inspector/promises');
  session = new inspector.Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 200 });
  await session.post('Profiler.start');
}

export async function stopProfile(name: string): Promise<void> {
  if (!session) return;
  const { profile } = await session.post('Profiler.stop');
  session.disconnect();
  const file = `${name}.cpuprofile`;
  const { writeFileSync } = await import('node:fs');
  writeFileSync(file, JSON.stringify(profile));
  console.error(`profile of the timed phase: ${file}`);
}
