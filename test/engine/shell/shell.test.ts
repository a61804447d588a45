import { expect } from '@open-wc/testing';
import { complete } from '../../../engine/shell/complete.ts';
import { parseScript } from '../../../engine/shell/parse.ts';
import { terminal } from '../kubectl/helpers.ts';

describe('terminal shell', () => {
  it('expands variables, quotes, $? and command substitution', async () => {
    const t = terminal();
    await t.run('A=one; export B="two  spaced"');
    expect((await t.run(`echo $A "$B" '$A' \${A}x $(echo sub) "\${C:-dflt}"`)).out).to.equal('one two  spaced $A onex sub dflt\n');
    expect((await t.run('nope; echo $?')).out).to.equal('bash: nope: command not found\n127\n');
    expect((await t.run('false && echo no || echo yes')).out).to.equal('yes\n');
  });

  it('pipes into grep, head, tail, wc, sort and awk', async () => {
    const t = terminal();
    await t.run("printf_is_missing 2>/dev/null; cat > f.txt <<'EOF'\nc 3\na 1\nb 2\nEOF");
    expect((await t.run('cat f.txt | sort')).out).to.equal('a 1\nb 2\nc 3\n');
    expect((await t.run('cat f.txt | sort -r | head -n 1')).out).to.equal('c 3\n');
    expect((await t.run('cat f.txt | tail -n 2 | wc -l')).out).to.equal('2\n');
    expect((await t.run("cat f.txt | awk '{print $2, $1}'")).out).to.equal('3 c\n1 a\n2 b\n');
    expect((await t.run('grep -v -E "a|b" f.txt')).out).to.equal('c 3\n');
    expect((await t.run('grep -ic A f.txt')).out).to.equal('1\n');
  });

  it("evaluates bash's [[ ]]: globs, regexes, integers, files, ! && || and ( )", async () => {
    const t = terminal();
    await t.run('x=5; phase=Running; echo hi > f.txt');
    const yes = async (cond: string) => (await t.run(`[[ ${cond} ]] && echo yes || echo no`)).out.trim();
    expect(await yes('$phase == Run*')).to.equal('yes');
    expect(await yes('$phase == "Run*"')).to.equal('no');
    expect(await yes('$phase != Pend?ng')).to.equal('yes');
    expect(await yes('$x -gt 3 && $x -lt 10')).to.equal('yes');
    expect(await yes('( $x -eq 1 || $x -eq 5 ) && abc < abd')).to.equal('yes');
    expect(await yes('! -z $x')).to.equal('yes');
    expect(await yes('$unset == ""')).to.equal('yes');
    expect(await yes('web-7f9c =~ ^web-[0-9a-f]+$')).to.equal('yes');
    expect(await yes('-f f.txt && ! -f nope.txt')).to.equal('yes');
    expect((await t.run('if [[ -n "$x" ]]; then echo set; fi')).out).to.equal('set\n');
    const bad = await t.run('[[ 1 -eq ]]');
    expect([bad.code, bad.out]).to.deep.equal([2, 'bash: syntax error in conditional expression\n']);
  });

  it('runs the awk one-liners people pipe kubectl into', async () => {
    const t = terminal();
    await t.run("cat > p.txt <<'EOF'\nweb-1 1/1 Running\nweb-2 0/1 Pending\nweb-3 1/1 Running\nEOF");
    expect((await t.run(`awk -F' ' '$3=="Running" {n++} END {print n}' p.txt`)).out).to.equal('2\n');
    expect((await t.run(`awk '{printf "%-6s|%s\\n", $1, $3}' p.txt | head -n 1`)).out).to.equal('web-1 |Running\n');
    expect((await t.run(`awk -v want=Pending '$3==want {print $1}' p.txt`)).out).to.equal('web-2\n');
    expect((await t.run(`printf 'a\\tb c\\n' | awk -F'\\t' '{print $2}'`)).out).to.equal('b c\n');
    expect((await t.run(`awk '{ if ($3 == "Running") { n++ } else print "not running:", $1 } END { print n }' p.txt`)).out).to.equal('not running: web-2\n2\n');
    expect((await t.run(`awk 'NR==1 {print "a;b", $1}' p.txt`)).out).to.equal('a;b web-1\n');
  });

  it('writes workspace files with redirections and here-documents', async () => {
    const t = terminal();
    await t.run('N=web; cat > m.yaml <<EOF\nname: $N\nEOF');
    expect(t.host.workspace.read('m.yaml')).to.equal('name: web\n');
    await t.run("cat >> m.yaml <<-'EOF'\n\tkeep: $N\n\tEOF");
    expect(t.host.workspace.read('m.yaml')).to.equal('name: web\nkeep: $N\n');
    expect((await t.run('kubectl get pod nope 2>&1 | wc -l')).out).to.equal('1\n');
    expect((await t.run('kubectl get pod nope 2>/dev/null')).out).to.equal('');
  });

  it('prints the clear sequence and bash syntax errors', async () => {
    const t = terminal();
    expect((await t.run('clear')).out).to.equal('\x1b[H\x1b[2J\x1b[3J');
    const r = await t.run('echo a |');
    expect(r.code).to.equal(2);
    expect(r.out).to.match(/^bash: syntax error near unexpected token/);
    expect((await t.run('echo "unterminated')).out).to.match(/^bash: unexpected EOF while looking for matching/);
  });

  it('parses pipelines, and-or lists and loops', () => {
    const s = parseScript('a | b && c; for i in 1 2; do echo $i; done');
    expect(s).to.have.length(2);
    expect(s[0]!.first.commands).to.have.length(2);
    expect(s[1]!.first.commands[0]!.t).to.equal('for');
  });

  it('completes commands, kubectl subcommands, resource types, flags and object names', async () => {
    const t = terminal();
    await t.run('kubectl create deployment web --image=nginx');
    expect(complete('kub', t.host)).to.deep.equal(['kubectl']);
    expect(complete('kubectl ge', t.host)).to.deep.equal(['get']);
    expect(complete('kubectl get deploy', t.host)).to.include('deployments');
    expect(complete('kubectl get deployments w', t.host)).to.deep.equal(['web']);
    expect(complete('kubectl get deploy/w', t.host)).to.deep.equal(['deploy/web']);
    expect(complete('kubectl get pods --all-n', t.host)).to.deep.equal(['--all-namespaces']);
    expect(complete('kubectl get pods -n kube-s', t.host)).to.deep.equal(['kube-system']);
    expect(complete('sim no', t.host)).to.deep.equal(['node']);
  });
});
