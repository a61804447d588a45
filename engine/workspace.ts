// The learner's workspace: the files the editor shows and `cat > file <<EOF` writes, kept as
// simulation records so they persist with the cluster. Paths that are not workspace files
// fall through to the host (the CLI reads the session's folder; the tab has nothing else).
import type { Store } from './store/store.ts';

const PREFIX = 'file/';

export type HostFileReader = (path: string) => string | undefined;

export class Workspace {
  constructor(
    private readonly store: Store,
    private readonly hostRead: HostFileReader = () => undefined,
  ) {}

  list(): { name: string; content: string }[] {
    return this.store
      .recordsWithPrefix(PREFIX)
      .map(([k, v]) => ({ name: k.slice(PREFIX.length), content: v as string }))
      .sort((a, b) => (a.name < b.name ? -1 : 1));
  }

  /** Reads a workspace file, else a host file; undefined when neither exists. */
  read(path: string): string | undefined {
    const name = normalize(path);
    const own = this.store.getRecord<string>(PREFIX + name);
    return own ?? this.hostRead(path);
  }

  write(path: string, content: string): void {
    this.store.setRecord(PREFIX + normalize(path), content);
  }

  remove(path: string): void {
    this.store.deleteRecord(PREFIX + normalize(path));
  }
}

function normalize(path: string): string {
  return path.replace(/^\.\//, '');
}
