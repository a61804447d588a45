// Every lesson under lessons/ is played for real: on a fresh cluster (seed 1, the CLI epoch)
// its `setup` session runs, at least one check must then fail (no lesson may be trivially
// done), its solution.session runs through the transcript runner, and every check of every
// step must pass at the end. A failure prints the failing checks with their details and the
// end of the transcript, which is what a lesson author needs to fix the lesson.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import type { Engine } from '../../engine/engine.ts';
import type { LessonReport } from '../../engine/engine-api.ts';
import { evaluateLesson } from '../../engine/lessons/evaluate.ts';
import { lessonSourcesFromFiles } from '../../engine/lessons/lesson-source.ts';
import { parseLesson, type ParsedLesson } from '../../engine/lessons/parse.ts';
import { createCluster } from '../../engine/runtime/create-cluster.ts';
import { newShellState, type ShellHost } from '../../engine/shell/shell.ts';
import { runSession } from '../../engine/sim/session.ts';
import { Workspace } from '../../engine/workspace.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const lessonsDir = join(root, 'lessons');

function readLessons(): ParsedLesson[] {
  const files: Record<string, string> = {};
  for (const dir of readdirSync(lessonsDir, { withFileTypes: true })) {
    if (!dir.isDirectory()) continue;
    for (const name of ['lesson.md', 'solution.session']) {
      const path = join(lessonsDir, dir.name, name);
      if (existsSync(path)) files[`lessons/${dir.name}/${name}`] = readFileSync(path, 'utf8');
    }
  }
  return lessonSourcesFromFiles(files).map(parseLesson);
}

/** A shell host on a fresh cluster, reading `-f path` relative to the lesson's folder. */
function freshHost(lessonId: string): ShellHost {
  const folder = join(lessonsDir, lessonId);
  const hostRead = (path: string): string | undefined => {
    const full = path.startsWith('/') ? path : join(folder, path);
    return existsSync(full) ? readFileSync(full, 'utf8') : undefined;
  };
  const attach = (engine: Engine): void => {
    host.engine = engine;
    host.workspace = new Workspace(engine.store, hostRead);
  };
  const first = createCluster({ seed: 1 });
  const host: ShellHost = {
    engine: first,
    workspace: new Workspace(first.store, hostRead),
    state: newShellState(),
    reset: (seed?: number) => {
      attach(createCluster({ seed: seed ?? 1 }));
      return host.engine;
    },
  };
  return host;
}

async function play(text: string, host: ShellHost): Promise<string> {
  let out = '';
  await runSession(text, host, (t: string) => {
    out += t;
  });
  return out;
}

function failing(report: LessonReport, lesson: ParsedLesson): string[] {
  const lines: string[] = [];
  report.steps.forEach((s, i) =>
    s.checks.forEach((c) => {
      if (!c.passed) lines.push(`step ${i + 1} "${lesson.steps[i]!.title}": ✗ ${c.title} — ${c.detail}`);
    }),
  );
  return lines;
}

const lessons = readLessons();

describe('lessons', () => {
  it('are found and parse', () => {
    assert.ok(lessons.length >= 2, `expected at least 2 lessons under lessons/, found ${lessons.length}`);
    for (const l of lessons) assert.ok(l.solution.trim(), `${l.id} has no solution.session`);
  });

  for (const lesson of lessons) {
    it(`${lesson.id}: a fresh cluster fails a check, and solution.session passes every check`, async () => {
      const host = freshHost(lesson.id);
      let transcript = '';
      if (lesson.setup) transcript += await play(lesson.setup, host);

      const before = evaluateLesson(lesson, host.engine);
      assert.equal(before.lessonId, lesson.id);
      assert.equal(before.passed, false, `${lesson.id}: every check already passes before the solution ran: at least one check can never fail`);
      assert.ok(failing(before, lesson).length > 0);

      transcript += await play(lesson.solution, host);
      const after = evaluateLesson(lesson, host.engine);
      const failed = failing(after, lesson);
      const tail = transcript.split('\n').slice(-60).join('\n');
      assert.deepEqual(failed, [], `${lesson.id}: checks failing after solution.session:\n${failed.join('\n')}\n--- end of the transcript ---\n${tail}`);
      assert.equal(after.passed, true);
      assert.ok(after.steps.every((s) => s.passed));
    });
  }
});
