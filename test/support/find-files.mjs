// Small recursive file finder (Node 20 has no fs.glob). Targets are files or folders,
// relative to root; folders are searched recursively for names matching `pattern`.
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const SKIP = new Set(['node_modules', '.git', 'dist']);

export function findFiles(root, targets, pattern) {
  const found = [];
  const walk = (abs) => {
    let stat;
    try {
      stat = statSync(abs);
    } catch {
      return;
    }
    if (stat.isFile()) {
      found.push(relative(root, abs));
      return;
    }
    for (const entry of readdirSync(abs, { withFileTypes: true })) {
      if (SKIP.has(entry.name)) continue;
      const child = join(abs, entry.name);
      if (entry.isDirectory()) walk(child);
      else if (pattern.test(entry.name)) found.push(relative(root, child));
    }
  };
  for (const target of targets) walk(join(root, target));
  return [...new Set(found)].sort();
}
