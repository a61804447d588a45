// The page on the fake engine, for looking at the UI without the real one:
// `npx vite` then open /test/app/demo.html (?theme=dark for the dark theme).
import { applyTheme, installTokens } from '../../app/styles/tokens.ts';
import '../../app/components/kp-app/kp-app.ts';
import { FakeEngine, node, pod } from './fake-engine.ts';
import { demoLesson, demoObjects } from './demo-data.ts';

installTokens();
applyTheme(new URLSearchParams(location.search).get('theme') === 'dark' ? 'dark' : 'light');
const engine = new FakeEngine();
for (const o of demoObjects()) engine.objects.set(engine.key(o), o);
engine.lessons = [demoLesson()];
engine.report = { lessonId: 'first-deployment', passed: false, steps: [{ passed: false, checks: [{ title: 'A Deployment named web exists', passed: true }, { title: '3 pods of web are Running', passed: false, detail: '2 of 3 pods are Running' }] }, { passed: false, checks: [{ title: 'web has 5 replicas', passed: false }] }] };
Object.assign(globalThis, { __engine: engine, __node: node, __pod: pod });
document.querySelector('kp-app')!.engine = engine;
