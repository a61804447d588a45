// The shell's syntax tree: a script is and-or lists of pipelines of simple commands, each
// with assignments, words and redirections (the POSIX shell grammar, trimmed to what the
// terminal and container commands use).

/** One piece of a word; `quoted` pieces are not field-split. */
export type Part =
  | { t: 'lit'; s: string; quoted: boolean }
  | { t: 'var'; name: string; quoted: boolean; op?: ':-' | '-' | ':=' | '=' | ':+' | '+' | '#' | '%' | '%%' | 'prefix#' | 'prefix##'; arg?: Word }
  | { t: 'cmd'; script: string; quoted: boolean };

export type Word = Part[];

export interface Redirect {
  fd: number;
  op: '>' | '>>' | '<' | '>&' | '<<';
  target?: Word;
  /** For here-documents: the body, and whether $ expansions apply (unquoted delimiter). */
  body?: string;
  expand?: boolean;
}

export interface SimpleCommand {
  t: 'simple';
  assigns: { name: string; value: Word }[];
  words: Word[];
  redirects: Redirect[];
}

export interface ForLoop {
  t: 'for';
  name: string;
  items: Word[] | undefined;
  body: Script;
  redirects: Redirect[];
}

export interface IfClause {
  t: 'if';
  branches: { cond: Script; body: Script }[];
  otherwise?: Script;
  redirects: Redirect[];
}

export interface WhileLoop {
  t: 'while';
  until: boolean;
  cond: Script;
  body: Script;
  redirects: Redirect[];
}

export interface Group {
  t: 'group';
  body: Script;
  redirects: Redirect[];
}

/** One item of `[[ ... ]]`: an operator the lexer splits off (&& || ( ) < >), or a word. */
export type CondItem = { op: string } | { word: Word; raw: string };

/** bash's `[[ expression ]]`: words are expanded without field splitting or globbing. */
export interface CondCommand {
  t: 'cond';
  items: CondItem[];
  redirects: Redirect[];
}

export type Command = SimpleCommand | ForLoop | IfClause | WhileLoop | Group | CondCommand;

export interface Pipeline {
  negate: boolean;
  commands: Command[];
}

export interface AndOr {
  first: Pipeline;
  rest: { op: '&&' | '||'; pipeline: Pipeline }[];
  /** Ended by `&`: runs as a background job (e.g. `kubectl port-forward svc/web 8080:80 &`). */
  background?: boolean;
}

export type Script = AndOr[];
