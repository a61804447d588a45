// Entry point: the engine worker starts first (its boot is the long pole of the first paint),
// then the theme (no flash) and the page's components, loaded while the worker boots.
import { createEngineClient } from './engine-client.ts';
import { startKubectlRelay } from './kubectl-relay.ts';
import { applyTheme, initialTheme, installTokens } from './styles/tokens.ts';

const engine = createEngineClient();
installTokens();
// The learner's own kubectl reaches this tab through the dev server (README).
void startKubectlRelay(engine);
applyTheme(initialTheme());

void import('./components/kp-app/kp-app.ts').then(() => {
  const app = document.querySelector('kp-app') ?? document.body.appendChild(document.createElement('kp-app'));
  app.engine = engine;
});
