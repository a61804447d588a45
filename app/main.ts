// Entry point: theme first (no flash), then the worker-backed engine and the page.
import { applyTheme, initialTheme, installTokens } from './styles/tokens.ts';
import { createEngineClient } from './engine-client.ts';
import './components/kp-app/kp-app.ts';

installTokens();
applyTheme(initialTheme());

const app = document.querySelector('kp-app') ?? document.body.appendChild(document.createElement('kp-app'));
app.engine = createEngineClient();
