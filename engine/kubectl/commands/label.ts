// kubectl label: `pod/x labeled`, `not labeled`, `unlabeled`, the --overwrite rule and label
// value validation, for every kind (nodes too). Mirrors pkg/cmd/label/label.go.
import { labelValueErrors } from '../../apiserver/validation/names.ts';
import { CommandError, type Command } from '../command.ts';
import { changeVerb, METADATA_FLAGS, runMetadataUpdate, type MetadataKind } from './metadata-update.ts';

const LABELS: MetadataKind = {
  field: 'labels',
  noun: 'label',
  parse(pairs) {
    const set: Record<string, string> = {};
    const remove: string[] = [];
    for (const p of pairs) {
      if (p.includes('=')) {
        const parts = p.split('=');
        if (parts.length !== 2) throw new CommandError(`invalid label spec: ${p}`);
        const err = labelValueErrors(parts[1]!).join('; ');
        if (err) throw new CommandError(`invalid label value: ${JSON.stringify(p)}: ${err}`);
        set[parts[0]!] = parts[1]!;
      } else if (p.endsWith('-')) remove.push(p.slice(0, -1));
      else throw new CommandError(`unknown label spec: ${p}`);
    }
    for (const k of remove) if (k in set) throw new CommandError('can not both modify and remove a label in the same command');
    return { set, remove };
  },
  noOverwrite(current, set) {
    const errs = Object.entries(set)
      .filter(([k, v]) => k in current && current[k] !== v)
      .map(([k]) => `'${k}' already has a value (${current[k]}), and --overwrite is false`);
    if (errs.length === 1) throw new CommandError(errs[0]!);
    if (errs.length > 1) throw new CommandError(`[${errs.join(', ')}]`);
  },
  notFound(cx, key) {
    cx.out(`label ${JSON.stringify(key)} not found.\n`);
  },
  verb: (before, after, overwrite) => changeVerb(before, after, overwrite, 'labeled'),
};

export const label: Command = {
  name: 'label',
  short: 'Update the labels on a resource',
  flags: METADATA_FLAGS,
  run: (cx) => runMetadataUpdate(cx, LABELS),
};
