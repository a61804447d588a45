// `--profile`: a CPU profile of a benchmark's timed phase only (set-up excluded), written as
// <name>.cpuprofile in the current directory for Chrome DevTools or `node --cpu-prof` tools.
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';

export const profiling = process.argv.includes('--profile');
let session: Session | undefined;

export async function startProfile(): Promise<void> {
  if (!profiling) return;
  session = new Session();
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
  writeFileSync(file, JSON.stringify(profile));
  console.error(`profile of the timed phase: ${file}`);
}
