// Node built-ins some packages import for Node-only features (cron-parser's file parser
// imports fs/promises). The engine never calls those features; in Chromium they resolve to
// an empty module, as Vite's browser-external does for the app.
export {};
export default {};
