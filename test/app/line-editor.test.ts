import { expect } from '@open-wc/testing';
import { CONTINUATION_PROMPT, LineEditor, PROMPT, commonPrefix, redraw } from '../../app/components/kp-terminal/line-editor.ts';

function type(ed: LineEditor, text: string) {
  ed.insert(text);
  return ed.submit();
}

describe('LineEditor', () => {
  it('edits in the middle of the line', () => {
    const ed = new LineEditor();
    ed.insert('kubectl get pd');
    ed.left();
    ed.insert('o');
    expect(ed.line).to.equal('kubectl get pod');
    ed.home();
    ed.deleteForward();
    ed.end();
    ed.backspace();
    expect(ed.line).to.equal('ubectl get po');
    expect(ed.cursor).to.equal(ed.line.length);
  });

  it('walks history with up/down and keeps the draft', () => {
    const ed = new LineEditor();
    type(ed, 'kubectl get nodes');
    type(ed, 'kubectl get pods');
    ed.insert('kub');
    ed.historyUp();
    expect(ed.line).to.equal('kubectl get pods');
    ed.historyUp();
    expect(ed.line).to.equal('kubectl get nodes');
    ed.historyUp();
    expect(ed.line).to.equal('kubectl get nodes');
    ed.historyDown();
    expect(ed.line).to.equal('kubectl get pods');
    ed.historyDown();
    expect(ed.line).to.equal('kub');
  });

  it('does not store empty lines or immediate repeats', () => {
    const ed = new LineEditor();
    expect(type(ed, '   ')).to.deep.equal({ kind: 'empty' });
    type(ed, 'ls');
    type(ed, 'ls');
    expect(ed.historyEntries).to.deep.equal(['ls']);
  });

  for (const [opener, terminator] of [
    ['kubectl apply -f - <<EOF', 'EOF'],
    ["cat > web.yaml <<'END'", 'END'],
    ['kubectl apply -f - << "YAML"', 'YAML'],
  ] as const) {
    it(`accumulates a here-document: ${opener}`, () => {
      const ed = new LineEditor();
      expect(type(ed, opener)).to.deep.equal({ kind: 'more' });
      expect(ed.prompt).to.equal(CONTINUATION_PROMPT);
      expect(type(ed, 'apiVersion: v1')).to.deep.equal({ kind: 'more' });
      expect(type(ed, `  ${terminator}`)).to.deep.equal({ kind: 'more' }); // indented: not the end
      expect(type(ed, terminator)).to.deep.equal({ kind: 'run', text: `${opener}\napiVersion: v1\n  ${terminator}\n${terminator}` });
      expect(ed.prompt).to.equal(PROMPT);
      expect(ed.historyEntries).to.deep.equal([opener]);
    });
  }

  it('<<- strips leading tabs from the terminator line', () => {
    const ed = new LineEditor();
    type(ed, 'cat <<-EOF');
    type(ed, '\thello');
    expect(type(ed, '\tEOF')).to.deep.equal({ kind: 'run', text: 'cat <<-EOF\n\thello\n\tEOF' });
  });

  it('Ctrl-C drops a here-document in progress', () => {
    const ed = new LineEditor();
    type(ed, 'cat <<EOF');
    ed.insert('half');
    ed.cancel();
    expect(ed.prompt).to.equal(PROMPT);
    expect(ed.line).to.equal('');
    expect(type(ed, 'echo ok')).to.deep.equal({ kind: 'run', text: 'echo ok' });
  });

  it('completes a single candidate, extends to a common prefix, lists the rest', () => {
    const ed = new LineEditor();
    ed.insert('kubectl desc');
    expect(ed.complete(['describe'])).to.deep.equal([]);
    expect(ed.line).to.equal('kubectl describe ');
    const ed2 = new LineEditor();
    ed2.insert('kubectl get deploy');
    expect(ed2.complete(['deployments', 'deployments.apps'])).to.deep.equal([]);
    expect(ed2.line).to.equal('kubectl get deployments');
    expect(ed2.complete(['deployments', 'deployments.apps'])).to.deep.equal(['deployments', 'deployments.apps']);
    expect(commonPrefix(['abc', 'abd'])).to.equal('ab');
  });

  it('redraws a line that wraps over rows', () => {
    const r = redraw(2, '$ ', 'abcdefgh', 8, 5); // 10 chars in 5 columns: exactly two rows
    expect(r.seq).to.equal('\r\x1b[J$ abcdefgh\r\n\r');
    expect(r.offset).to.equal(10);
    const back = redraw(10, '$ ', 'abcdefgh', 1, 5);
    expect(back.seq.startsWith('\x1b[2A\r\x1b[J')).to.equal(true);
    expect(back.seq.endsWith('\x1b[2A\r\x1b[3C')).to.equal(true);
  });
});
