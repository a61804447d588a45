import { expect } from '@open-wc/testing';
import { piDigits } from '../../../engine/containers/pi.ts';
import { VirtualProcess } from '../../../engine/containers/virtual-process.ts';
import { arithmetic } from '../../../engine/shell/arithmetic.ts';

const T0 = Date.UTC(2025, 0, 1);
const proc = (script: string) => new VirtualProcess({ argv: ['sh', '-c', script], env: { HOME: '/root' }, files: {}, startedAt: T0, hostname: 'web-0' });
const out = (p: VirtualProcess) => p.events.map((e) => e.out ?? '').join('');

describe('virtual process', () => {
  it('prints one date line per virtual second of a loop, only as far as it was run', () => {
    const p = proc('while true; do date; sleep 1; done');
    p.advance(T0 + 2500);
    expect(out(p)).to.equal('Wed Jan  1 00:00:00 UTC 2025\nWed Jan  1 00:00:01 UTC 2025\nWed Jan  1 00:00:02 UTC 2025\n');
    expect(p.exit).to.equal(undefined);
  });

  it('exits with the code of exit N after its output', () => {
    const p = proc('echo hi; sleep 2; exit 3');
    p.advance(Infinity);
    expect(out(p)).to.equal('hi\n');
    expect(p.exit).to.deep.equal({ t: T0 + 2000, code: 3 });
  });

  it('keeps files with the time they were written (what exec probes see)', () => {
    const p = proc('touch /tmp/healthy; sleep 30; rm -f /tmp/healthy; sleep 600');
    p.advance(Infinity, 100);
    expect(p.events.map((e) => [e.t - T0, e.path, e.content])).to.deep.equal([[0, '/tmp/healthy', ''], [30_000, '/tmp/healthy', null]]);
    expect(VirtualProcess.run(['cat', '/tmp/healthy'], {}, new Map(), T0, 'x')).to.deep.equal({ code: 1, output: "cat: can't open '/tmp/healthy': No such file or directory\n" });
  });

  it('runs variables, $(...), $((...)), for/if, test, pipes and redirects', () => {
    const p = proc('n=0; for i in 1 2 3; do n=$((n+i)); done; if [ $n -eq 6 ]; then echo "six $(hostname)"; fi; echo a > /tmp/f; echo b >> /tmp/f; cat /tmp/f | wc -l; printf "%s-%d\\n" x 7');
    p.advance(Infinity);
    expect(out(p)).to.equal('six web-0\n2\nx-7\n');
    expect(arithmetic('(2+3)*4 % 7')).to.equal(6);
  });

  it('runs [[ ]] in loops and conditions, as busybox sh does', () => {
    const p = proc('i=0; while [[ $i -lt 3 ]]; do echo "n=$i"; i=$((i+1)); done; [[ $i == 3 && -d /tmp ]] && echo done; [[ $HOME == /ro* ]] || echo no');
    p.advance(Infinity);
    expect(out(p)).to.equal('n=0\nn=1\nn=2\ndone\n');
  });

  it("computes perl's bpi(2000) digits", () => {
    expect(piDigits(30)).to.equal('3.14159265358979323846264338328');
    const p = new VirtualProcess({ argv: ['perl', '-Mbignum=bpi', '-wle', 'print bpi(2000)'], env: {}, files: {}, startedAt: T0, hostname: 'pi' });
    p.advance(Infinity);
    expect(out(p)).to.have.length(2002);
    expect(out(p).startsWith('3.14159265358979')).to.equal(true);
  });
});
