export function findFiles(root: string, targets: string[], pattern: RegExp): string[];
