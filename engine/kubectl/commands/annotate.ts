// kubectl annotate: always `annotated`, values may contain `=`, and the --overwrite rule in
// annotate's own words. Mirrors pkg/cmd/annotate/annotate.go.
import { CommandError, type Command } from '../command.ts';
import { METADATA_FLAGS, runMetadataUpdate, type MetadataKind } from './metadata-update.ts';

/** Always overwritable (`kubectl annotate ... kubernetes.io/change-cause=...`). */
const CHANGE_CAUSE = 'kubernetes.io/change-cause';

const ANNOTATIONS: MetadataKind = {
  field: 'annotations',
  noun: 'annotation',
  parse(pairs) {
    const set: Record<string, string> = {};
    const remove: string[] = [];
    const errs: string[] = [];
    for (const p of pairs) {
      if (p.includes('=')) {
        const i = p.indexOf('=');
        if (i === 0) errs.push(`invalid annotation format: ${p}`);
        else set[p.slice(0, i)] = p.slice(i + 1);
      } else if (p.endsWith('-')) remove.push(p.slice(0, -1));
      else errs.push(`invalid annotation format: ${p}`);
    }
    if (errs.length === 1) throw new CommandError(errs[0]!);
    if (errs.length > 1) throw new CommandError(`[${errs.join(', ')}]`);
    const both = remove.filter((k) => k in set);
    if (both.length) throw new CommandError(`can not both modify and remove the following annotation(s) in the same command: ${both.join(', ')}`);
    return { set, remove };
  },
  noOverwrite(current, set) {
    const found = Object.entries(set)
      .filter(([k, v]) => k !== CHANGE_CAUSE && k in current && current[k] !== v)
      .map(([k]) => `'${k}' already has a value (${current[k]})`);
    if (found.length) throw new CommandError(`--overwrite is false but found the following declared annotation(s): ${found.join('; ')}`);
  },
  verb: () => 'annotated',
};

export const annotate: Command = {
  name: 'annotate',
  short: 'Update the annotations on a resource',
  flags: METADATA_FLAGS,
  run: (cx) => runMetadataUpdate(cx, ANNOTATIONS),
};
