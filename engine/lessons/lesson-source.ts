// A lesson's raw texts, as the page bundles them (import.meta.glob with ?raw) or Node reads
// them from lessons/<NN-slug>/. The engine never reads lesson files itself: it gets these.

export interface LessonSource {
  /** The lesson folder's name, e.g. `01-first-deployment` (front matter `id` must equal it). */
  id: string;
  /** lesson.md */
  markdown: string;
  /** solution.session ('' when the lesson ships none). */
  solution: string;
}

/**
 * Groups files keyed by path (`/lessons/01-first-deployment/lesson.md`, `.../solution.session`,
 * as import.meta.glob returns them, or relative paths) into sources, in folder order.
 * Folders without a lesson.md are skipped.
 */
export function lessonSourcesFromFiles(files: Record<string, string>): LessonSource[] {
  const byId = new Map<string, { markdown?: string; solution?: string }>();
  for (const [path, text] of Object.entries(files)) {
    const m = /(?:^|\/)([^/]+)\/(lesson\.md|solution\.session)$/.exec(path);
    if (!m) continue;
    const entry = byId.get(m[1]!) ?? {};
    if (m[2] === 'lesson.md') entry.markdown = text;
    else entry.solution = text;
    byId.set(m[1]!, entry);
  }
  return [...byId.entries()]
    .filter(([, e]) => e.markdown !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([id, e]) => ({ id, markdown: e.markdown!, solution: e.solution ?? '' }));
}
