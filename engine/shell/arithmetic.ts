// Shell arithmetic expansion, $((...)), shared by the terminal and the container shell: integer
// + - * / % (truncating, as the shell's C arithmetic does), comparisons, && || ! and parentheses,
// with variables read by name ($i, ${i} or bare i; unset or non-numeric is 0).

/** Integer arithmetic as $((...)) does it: + - * / % comparisons and parentheses. */
export function arithmetic(src: string): number {
  const toks = src.match(/\d+|==|!=|<=|>=|&&|\|\||[-+*/%()<>!]/g) ?? [];
  let i = 0;
  const peek = () => toks[i];
  const prim = (): number => {
    const t = toks[i++];
    if (t === '(') {
      const v = or();
      i++;
      return v;
    }
    if (t === '-') return -prim();
    if (t === '!') return prim() ? 0 : 1;
    return Number(t) || 0;
  };
  const mul = (): number => {
    let v = prim();
    while (peek() === '*' || peek() === '/' || peek() === '%') {
      const op = toks[i++];
      const r = prim();
      v = op === '*' ? v * r : op === '/' ? Math.trunc(v / (r || 1)) : v % (r || 1);
    }
    return v;
  };
  const add = (): number => {
    let v = mul();
    while (peek() === '+' || peek() === '-') v = toks[i++] === '+' ? v + mul() : v - mul();
    return v;
  };
  const cmp = (): number => {
    let v = add();
    while (peek() && ['<', '>', '<=', '>=', '==', '!='].includes(peek()!)) {
      const op = toks[i++];
      const r = add();
      v = +(op === '<' ? v < r : op === '>' ? v > r : op === '<=' ? v <= r : op === '>=' ? v >= r : op === '==' ? v === r : v !== r);
    }
    return v;
  };
  const and = (): number => {
    let v = cmp();
    while (peek() === '&&') {
      i++;
      const r = cmp();
      v = +(!!v && !!r);
    }
    return v;
  };
  const or = (): number => {
    let v = and();
    while (peek() === '||') {
      i++;
      const r = and();
      v = +(!!v || !!r);
    }
    return v;
  };
  return toks.length ? or() : 0;
}

/** $((expr)) with the shell's variables substituted first. */
export function arithmeticExpansion(expr: string, lookup: (name: string) => string | undefined): number {
  return arithmetic(expr.replace(/\$?\{?([A-Za-z_][A-Za-z0-9_]*)\}?/g, (_, k: string) => String(Number(lookup(k) ?? 0) || 0)));
}
