// Parses a lesson's markdown (lessons/<NN-slug>/lesson.md) into the Lesson shape the page
// shows plus the declarative checks the engine evaluates. The format is documented for
// authors in lessons/README.md:
//
//   ---                         front matter (YAML): id, title, summary, minutes, level, setup?
//   intro markdown              (a leading `# Title` line is dropped: the page shows the title)
//   ## Step: <title>            one section per step; other level-2 headings are errors
//   prose, ```bash blocks       the body (commands the learner can click to paste)
//   > hint: text                one hint per `> hint:` line; following `>` lines continue it
//   ```check                    YAML list of checks (check.ts); one or more blocks per step
//
// Everything is validated here, so a broken lesson fails loudly in tests, never in the page.
import { parse as parseYaml } from 'yaml';
import type { Lesson, LessonStep, LessonSummary } from '../engine-api.ts';
import { LessonError, parseCheck, type Check } from './check.ts';
import type { LessonSource } from './lesson-source.ts';

export { LessonError } from './check.ts';

export interface ParsedStep extends LessonStep {
  /** The step's declarative checks, in the order of `checks` (same titles). */
  checkSpecs: Check[];
}

export interface ParsedLesson extends Lesson {
  steps: ParsedStep[];
  /** A transcript-format session to run before the lesson starts ('' when none). */
  setup: string;
  /** solution.session: a transcript that passes every check. */
  solution: string;
}

export const LEVELS = ['beginner', 'intermediate', 'advanced'] as const;

const FRONT_MATTER_FIELDS = ['id', 'title', 'summary', 'minutes', 'level', 'setup'];
const STEP_HEADING = /^##\s+Step:\s*(.*?)\s*#*\s*$/;
const LEVEL2_HEADING = /^##\s/;
const FENCE_OPEN = /^(\s*)(`{3,}|~{3,})\s*([\w-]*)/;
const HINT = /^>\s*hint:\s*(.*)$/i;
const QUOTE_CONT = /^>\s?(.*)$/;

export function parseLesson(src: LessonSource): ParsedLesson {
  const file = `lessons/${src.id}/lesson.md`;
  const lines = src.markdown.replace(/\r\n?/g, '\n').split('\n');
  const { meta, bodyStart } = frontMatter(lines, file);
  if (meta.id !== src.id) throw new LessonError(`${file}: front matter id "${meta.id}" must equal the folder name "${src.id}"`);

  // Split into the intro and `## Step:` sections, ignoring headings inside code fences.
  const sections: { title: string; line: number; lines: string[] }[] = [];
  const intro: string[] = [];
  let fence = '';
  for (let i = bodyStart; i < lines.length; i++) {
    const line = lines[i]!;
    const open = FENCE_OPEN.exec(line);
    if (fence) {
      if (line.trim().startsWith(fence) && line.trim().replace(/[`~]/g, '') === '') fence = '';
    } else if (open) fence = open[2]!;
    else if (LEVEL2_HEADING.test(line)) {
      const step = STEP_HEADING.exec(line);
      if (!step) throw new LessonError(`${file}:${i + 1}: only "## Step: <title>" headings may be at level 2 (use ### inside a step), got "${line}"`);
      if (!step[1]) throw new LessonError(`${file}:${i + 1}: a step needs a title after "## Step:"`);
      sections.push({ title: step[1], line: i + 1, lines: [] });
      continue;
    }
    (sections.length ? sections[sections.length - 1]!.lines : intro).push(line);
  }
  if (fence) throw new LessonError(`${file}: a code block is not closed (missing ${fence})`);
  if (sections.length === 0) throw new LessonError(`${file}: a lesson needs at least one "## Step: <title>" section`);

  const steps = sections.map((s) => parseStep(s, file));
  return {
    id: meta.id,
    title: meta.title,
    summary: meta.summary,
    minutes: meta.minutes,
    level: meta.level,
    intro: trimBlank(dropTitle(intro)).join('\n'),
    steps,
    setup: meta.setup,
    solution: src.solution,
  };
}

/** The plain Lesson the page gets (no check specs, setup or solution). */
export function toLesson(p: ParsedLesson): Lesson {
  return {
    ...toSummary(p),
    intro: p.intro,
    steps: p.steps.map((s) => ({ title: s.title, body: s.body, hints: [...s.hints], checks: s.checks.map((c) => ({ title: c.title })) })),
  };
}

export function toSummary(p: ParsedLesson): LessonSummary {
  return { id: p.id, title: p.title, summary: p.summary, minutes: p.minutes, level: p.level };
}

interface FrontMatter {
  id: string;
  title: string;
  summary: string;
  minutes: number;
  level: string;
  setup: string;
}

function frontMatter(lines: string[], file: string): { meta: FrontMatter; bodyStart: number } {
  if (lines[0]?.trim() !== '---') throw new LessonError(`${file}:1: a lesson starts with YAML front matter between "---" lines`);
  const end = lines.findIndex((l, i) => i > 0 && l.trim() === '---');
  if (end < 0) throw new LessonError(`${file}: the front matter is not closed by a "---" line`);
  let raw: unknown;
  try {
    raw = parseYaml(lines.slice(1, end).join('\n'));
  } catch (e) {
    throw new LessonError(`${file}: front matter is not valid YAML: ${(e as Error).message}`);
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new LessonError(`${file}: front matter must be a YAML map`);
  const m = raw as Record<string, unknown>;
  for (const k of Object.keys(m))
    if (!FRONT_MATTER_FIELDS.includes(k)) throw new LessonError(`${file}: unknown front matter field "${k}" (allowed: ${FRONT_MATTER_FIELDS.join(', ')})`);
  const str = (k: string): string => {
    const v = m[k];
    if (typeof v !== 'string' || v.trim() === '') throw new LessonError(`${file}: front matter needs "${k}" (text)`);
    return v.trim();
  };
  const minutes = m['minutes'];
  if (typeof minutes !== 'number' || !(minutes > 0)) throw new LessonError(`${file}: front matter needs "minutes" (a number > 0)`);
  const level = str('level');
  if (!(LEVELS as readonly string[]).includes(level)) throw new LessonError(`${file}: level must be one of ${LEVELS.join(', ')}, got "${level}"`);
  const setup = m['setup'];
  if (setup !== undefined && typeof setup !== 'string') throw new LessonError(`${file}: "setup" must be a session text (use "setup: |")`);
  return { meta: { id: str('id'), title: str('title'), summary: str('summary'), minutes, level, setup: setup ?? '' }, bodyStart: end + 1 };
}

function parseStep(s: { title: string; line: number; lines: string[] }, file: string): ParsedStep {
  const body: string[] = [];
  const hints: string[] = [];
  const checks: Check[] = [];
  const where = (i: number) => `${file}:${s.line + 1 + i}, step "${s.title}"`;
  let inHint = false;
  for (let i = 0; i < s.lines.length; i++) {
    const line = s.lines[i]!;
    const open = FENCE_OPEN.exec(line);
    if (open) {
      inHint = false;
      const marker = open[2]!;
      const start = i;
      const block: string[] = [line];
      for (i++; i < s.lines.length; i++) {
        block.push(s.lines[i]!);
        if (s.lines[i]!.trim().startsWith(marker) && s.lines[i]!.trim().replace(/[`~]/g, '') === '') break;
      }
      if (open[3] === 'check') checks.push(...parseCheckBlock(block.slice(1, -1).join('\n'), where(start)));
      else body.push(...block);
      continue;
    }
    const hint = HINT.exec(line);
    if (hint) {
      if (!hint[1]!.trim()) throw new LessonError(`${where(i)}: empty hint`);
      hints.push(hint[1]!.trim());
      inHint = true;
      continue;
    }
    const cont = inHint ? QUOTE_CONT.exec(line) : null;
    if (cont) {
      if (cont[1]!.trim()) hints[hints.length - 1] += ` ${cont[1]!.trim()}`;
      continue;
    }
    inHint = false;
    body.push(line);
  }
  if (checks.length === 0) throw new LessonError(`${file}:${s.line}: step "${s.title}" has no \`\`\`check block`);
  return {
    title: s.title,
    body: collapseBlank(trimBlank(body)).join('\n'),
    hints,
    checks: checks.map((c) => ({ title: c.title })),
    checkSpecs: checks,
  };
}

function parseCheckBlock(text: string, where: string): Check[] {
  let raw: unknown;
  try {
    raw = parseYaml(text);
  } catch (e) {
    throw new LessonError(`${where}: check block is not valid YAML: ${(e as Error).message}`);
  }
  if (!Array.isArray(raw) || raw.length === 0) throw new LessonError(`${where}: a check block holds a YAML list of checks ("- title: ...")`);
  return raw.map((item) => parseCheck(item, where));
}

function dropTitle(lines: string[]): string[] {
  const i = lines.findIndex((l) => l.trim() !== '');
  return i >= 0 && /^#\s/.test(lines[i]!) ? lines.slice(i + 1) : lines;
}

function trimBlank(lines: string[]): string[] {
  let a = 0;
  let b = lines.length;
  while (a < b && lines[a]!.trim() === '') a++;
  while (b > a && lines[b - 1]!.trim() === '') b--;
  return lines.slice(a, b);
}

/** Removing check blocks and hints can leave runs of blank lines: keep one. */
function collapseBlank(lines: string[]): string[] {
  const out: string[] = [];
  let fence = '';
  for (const l of lines) {
    const open = FENCE_OPEN.exec(l);
    if (fence) {
      if (l.trim().startsWith(fence) && l.trim().replace(/[`~]/g, '') === '') fence = '';
    } else if (open) fence = open[2]!;
    else if (l.trim() === '' && out.length && out[out.length - 1]!.trim() === '') continue;
    out.push(l);
  }
  return out;
}
