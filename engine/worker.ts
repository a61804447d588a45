// The Web Worker entry: one LocalEngine, persisted in IndexedDB, moved by the real-time
// driver, exposed to the page over comlink as EngineApi. Lessons ship inside the bundle.
import { expose } from 'comlink';
import type { EngineApi } from './engine-api.ts';
import type { LessonSource } from './lessons/lesson-source.ts';
import { IdbPersistence } from './persistence/idb.ts';
import { LocalEngine } from './runtime/local-engine.ts';

const markdown = import.meta.glob('../lessons/*/lesson.md', { query: '?raw', import: 'default', eager: true }) as Record<string, string>;
const solutions = import.meta.glob('../lessons/*/solution.session', { query: '?raw', import: 'default', eager: true }) as Record<string, string>;

const lessons: LessonSource[] = Object.keys(markdown)
  .sort()
  .map((path) => {
    const dir = path.slice(0, path.lastIndexOf('/'));
    return { id: dir.slice(dir.lastIndexOf('/') + 1), markdown: markdown[path]!, solution: solutions[`${dir}/solution.session`] ?? '' };
  });

const api: EngineApi = new LocalEngine({ epoch: 'wall', realtime: true, persistence: new IdbPersistence(), lessons, tabLock: true });
void api.ready();
expose(api);
