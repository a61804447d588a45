import { expect } from '@open-wc/testing';
import { executeGoTemplate, parseGoTemplate, sprintf, TemplateError } from '../../../../engine/kubectl/printers/go-template.ts';

const run = (tpl: string, data: unknown) => executeGoTemplate(parseGoTemplate(tpl), data);
const LIST = { items: [{ metadata: { name: 'a', labels: { x: '1' } }, spec: { replicas: 2 } }, { metadata: { name: 'b' }, spec: { replicas: 0 } }] };

describe('go-template (kubectl -o go-template)', () => {
  it('runs the Kubernetes Basics POD_NAME template', () => {
    expect(run('{{range .items}}{{.metadata.name}}{{"\\n"}}{{end}}', LIST)).to.equal('a\nb\n');
  });

  it('supports if/else, with, variables, index, len, printf and pipelines', () => {
    expect(run('{{range .items}}{{if .spec.replicas}}{{.metadata.name}} up {{else}}{{.metadata.name}} down {{end}}{{end}}', LIST)).to.equal('a up b down ');
    expect(run('{{with index .items 0}}{{index .metadata.labels "x"}}{{end}}', LIST)).to.equal('1');
    expect(run('{{range $i, $e := .items}}{{$i}}={{$e.metadata.name}};{{end}}', LIST)).to.equal('0=a;1=b;');
    expect(run('{{len .items}} {{printf "%s-%d" "n" 3}} {{.items | len}}', LIST)).to.equal('2 n-3 2');
    expect(run('{{- range .items }} {{ .metadata.name -}} {{ end }}', LIST)).to.equal(' a b');
    expect(run('{{if eq (len .items) 2}}two{{else if gt (len .items) 2}}more{{end}}', LIST)).to.equal('two');
    expect(run('{{.nope}} {{.items}}', { items: [1, 'x'] })).to.equal('<no value> [1 x]');
    expect(run('{{.m}}', { m: { b: 2, a: { c: true } } })).to.equal('map[a:map[c:true] b:2]');
  });

  it('reports parse errors as text/template does', () => {
    expect(() => parseGoTemplate('{{range .items}}')).to.throw(TemplateError, 'template: output:1: unexpected EOF');
    expect(() => parseGoTemplate('{{foo}}')).to.throw(TemplateError, 'template: output:1: function "foo" not defined');
  });

  it('formats like fmt.Sprintf', () => {
    expect(sprintf('%-5s|%3d|%q|%v|%%', ['ab', 7, 'q', 1.5])).to.equal('ab   |  7|"q"|1.5|%');
  });
});
