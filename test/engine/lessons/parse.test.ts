import { expect } from '@open-wc/testing';
import { LessonError, parseLesson, toLesson, toSummary } from '../../../engine/lessons/parse.ts';
import { lessonSourcesFromFiles } from '../../../engine/lessons/lesson-source.ts';

const FENCE = '```';

function lesson(body: string, front = ''): string {
  return `---
id: 01-demo
title: A demo
summary: Learn a thing
minutes: 5
level: beginner
${front}---

# A demo

Welcome to the **demo**.

${body}`;
}

const STEP = `## Step: Make a deployment

Run this:

${FENCE}bash
kubectl create deployment web --image=nginx
${FENCE}

> hint: Use \`kubectl create deployment\`.
> It takes a name and an image.
> hint: The image is nginx.

${FENCE}check
- title: A Deployment named web exists
  exists:
    kind: Deployment
    name: web
${FENCE}

Then look at it.
`;

function parse(markdown: string) {
  return parseLesson({ id: '01-demo', markdown, solution: 'kubectl get pods\n' });
}

function error(markdown: string): string {
  try {
    parse(markdown);
  } catch (e) {
    if (e instanceof LessonError) return e.message;
    throw e;
  }
  throw new Error('expected a LessonError');
}

describe('parseLesson', () => {
  it('reads the front matter, the intro and the solution', () => {
    const l = parse(lesson(STEP, 'setup: |\n  kubectl create namespace demo\n'));
    expect(toSummary(l)).to.deep.equal({ id: '01-demo', title: 'A demo', summary: 'Learn a thing', minutes: 5, level: 'beginner' });
    expect(l.intro).to.equal('Welcome to the **demo**.');
    expect(l.setup).to.equal('kubectl create namespace demo\n');
    expect(l.solution).to.equal('kubectl get pods\n');
  });

  it('splits steps, keeps prose and commands in the body, pulls out hints and checks', () => {
    const l = parse(lesson(STEP + '\n## Step: Second\n\nMore.\n\n```check\n- title: Ran get\n  commandUsed: {pattern: "kubectl get"}\n```\n'));
    expect(l.steps.map((s) => s.title)).to.deep.equal(['Make a deployment', 'Second']);
    const s = l.steps[0]!;
    expect(s.body).to.equal('Run this:\n\n```bash\nkubectl create deployment web --image=nginx\n```\n\nThen look at it.');
    expect(s.hints).to.deep.equal(['Use `kubectl create deployment`. It takes a name and an image.', 'The image is nginx.']);
    expect(s.checks).to.deep.equal([{ title: 'A Deployment named web exists' }]);
    expect(s.checkSpecs).to.deep.equal([{ check: 'exists', title: 'A Deployment named web exists', spec: { kind: 'Deployment', name: 'web' } }]);
    expect(l.steps[1]!.checkSpecs[0]).to.deep.equal({ check: 'commandUsed', title: 'Ran get', spec: { pattern: 'kubectl get' } });
  });

  it('gives the page a plain Lesson without specs, setup or solution', () => {
    const plain = toLesson(parse(lesson(STEP)));
    expect(Object.keys(plain).sort()).to.deep.equal(['id', 'intro', 'level', 'minutes', 'steps', 'summary', 'title']);
    expect(Object.keys(plain.steps[0]!).sort()).to.deep.equal(['body', 'checks', 'hints', 'title']);
    expect(structuredClone(plain)).to.deep.equal(plain);
  });

  it('ignores step headings and check fences inside other code blocks', () => {
    const l = parse(lesson(`## Step: One\n\n~~~text\n## Step: not a step\n\`\`\`check\n~~~\n\n\`\`\`check\n- title: t\n  count: {kind: Pod}\n\`\`\`\n`));
    expect(l.steps).to.have.length(1);
    expect(l.steps[0]!.body).to.equal('~~~text\n## Step: not a step\n```check\n~~~');
  });

  it('normalizes every check kind', () => {
    const l = parse(
      lesson(`## Step: All
${FENCE}check
- title: svc
  exists: {kind: Service, labels: {app: web}, match: {spec: {type: ClusterIP}}}
- title: gone
  notExists: {kind: Pod, name: bad, namespace: demo}
- title: replicas
  jsonpath: {kind: Deployment, name: web, path: "{.spec.replicas}", equals: 3}
- title: image
  jsonpath: {kind: deploy, name: web, path: "{.spec.template.spec.containers[0].image}", matches: "^nginx"}
- title: running
  count: {labels: "app=web", phase: Running, ready: true, min: 5}
- title: created
  event: {reason: SuccessfulCreate, involvedKind: ReplicaSet, namePrefix: web-, min: 2}
- title: scaled
  commandUsed: {pattern: "kubectl scale .*--replicas[= ]5", example: "kubectl scale deployment web --replicas=5"}
${FENCE}
`),
    );
    expect(l.steps[0]!.checkSpecs.map((c) => [c.check, c.spec])).to.deep.equal([
      ['exists', { kind: 'Service', labels: 'app=web', match: { spec: { type: 'ClusterIP' } } }],
      ['notExists', { kind: 'Pod', name: 'bad', namespace: 'demo' }],
      ['jsonpath', { kind: 'Deployment', name: 'web', path: '{.spec.replicas}', equals: '3' }],
      ['jsonpath', { kind: 'deploy', name: 'web', path: '{.spec.template.spec.containers[0].image}', matches: '^nginx' }],
      ['count', { kind: 'Pod', labels: 'app=web', phase: 'Running', ready: true, min: 5 }],
      ['event', { reason: 'SuccessfulCreate', involvedKind: 'ReplicaSet', namePrefix: 'web-', min: 2 }],
      ['commandUsed', { pattern: 'kubectl scale .*--replicas[= ]5', example: 'kubectl scale deployment web --replicas=5' }],
    ]);
  });

  it('defaults a count to at least one', () => {
    const l = parse(lesson('## Step: x\n```check\n- title: any pod\n  count: {}\n```\n'));
    expect(l.steps[0]!.checkSpecs[0]!.spec).to.deep.equal({ kind: 'Pod', min: 1 });
  });

  it('rejects unknown check kinds: lessons can never run code', () => {
    const msg = error(lesson('## Step: Sneaky\n\n```check\n- title: run it\n  script: "rm -rf /"\n```\n'));
    expect(msg).to.contain('unknown check kind "script"');
    expect(msg).to.contain('known kinds: exists, notExists, jsonpath, count, event, commandUsed');
    expect(msg).to.match(/^lessons\/01-demo\/lesson\.md:\d+, step "Sneaky"/);
  });

  it('rejects unknown fields, wrong types, unknown kinds and bad patterns', () => {
    const step = (check: string) => error(lesson(`## Step: s\n\`\`\`check\n- title: t\n  ${check}\n\`\`\`\n`));
    expect(step('exists: {kind: Deployment, nmae: web}')).to.contain('unknown field "nmae"');
    expect(step('count: {min: "five"}')).to.contain('field "min" must be a number');
    expect(step('exists: {kind: Deploymnet}')).to.contain('unknown kind "Deploymnet"');
    expect(step('jsonpath: {kind: Deployment, name: web, path: "{.spec.replicas}"}')).to.contain('exactly one of equals or matches');
    expect(step('jsonpath: {kind: Deployment, name: web, path: "{range .items}", equals: x}')).to.contain('not supported');
    expect(step('commandUsed: {pattern: "kubectl ("}')).to.contain('not a valid regular expression');
    expect(step('exists: {kind: Service, labels: "a b c"}')).to.contain('bad labels');
    expect(step('count: {kind: Deployment, ready: true}')).to.contain('ready only applies to Pods');
    expect(step('exists: {kind: Pod}\n  count: {}')).to.contain('exactly one kind');
    expect(error(lesson('## Step: s\n```check\n- exists: {kind: Pod}\n```\n'))).to.contain('needs a title');
    expect(error(lesson('## Step: s\n```check\ntitle: not a list\n```\n'))).to.contain('YAML list');
  });

  it('rejects broken structure with the file and line', () => {
    expect(error(lesson('## Step: No checks\n\nJust prose.\n'))).to.contain('step "No checks" has no ```check block');
    expect(error(lesson('Just an intro.\n'))).to.contain('at least one "## Step: <title>"');
    expect(error(lesson('## Summary\n'))).to.match(/lesson\.md:\d+: only "## Step: <title>" headings/);
    expect(error(lesson('## Step: s\n```bash\nkubectl get pods\n'))).to.contain('not closed');
    expect(error('no front matter')).to.contain('starts with YAML front matter');
    expect(error(lesson(STEP).replace('level: beginner', 'level: expert'))).to.contain('level must be one of');
    expect(error(lesson(STEP).replace('minutes: 5', 'minutes: soon'))).to.contain('"minutes"');
    expect(error(lesson(STEP, 'author: me\n'))).to.contain('unknown front matter field "author"');
    expect(() => parseLesson({ id: '02-other', markdown: lesson(STEP), solution: '' })).to.throw(LessonError, 'must equal the folder name');
  });
});

describe('lessonSourcesFromFiles', () => {
  it('groups lesson.md and solution.session by folder, in folder order', () => {
    const sources = lessonSourcesFromFiles({
      '/lessons/02-b/lesson.md': 'B',
      '/lessons/01-a/solution.session': 'sa',
      '/lessons/01-a/lesson.md': 'A',
      '/lessons/README.md': 'readme',
      '/lessons/03-c/solution.session': 'orphan',
    });
    expect(sources).to.deep.equal([
      { id: '01-a', markdown: 'A', solution: 'sa' },
      { id: '02-b', markdown: 'B', solution: '' },
    ]);
  });
});
