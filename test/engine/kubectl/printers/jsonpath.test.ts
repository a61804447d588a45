import { expect } from '@open-wc/testing';
import { jsonpath, JsonPathError, parseTemplate, relaxedJsonPath } from '../../../../engine/kubectl/printers/jsonpath.ts';

const LIST = {
  kind: 'List',
  items: [
    { metadata: { name: 'web', labels: { app: 'web', tier: 'fe' } }, spec: { replicas: 2, containers: [{ name: 'nginx', image: 'nginx:1.27' }, { name: 'side', image: 'busybox' }] } },
    { metadata: { name: 'db', labels: { app: 'db' } }, spec: { replicas: 1, containers: [{ name: 'pg', image: 'postgres' }] } },
  ],
};

describe('jsonpath (client-go dialect)', () => {
  it('prints fields, wildcards, indexes and slices joined by spaces', () => {
    expect(jsonpath('{.items[*].metadata.name}', LIST)).to.equal('web db');
    expect(jsonpath('{.items[0].spec.containers[*].image}', LIST)).to.equal('nginx:1.27 busybox');
    expect(jsonpath('{.items[-1:].metadata.name}', LIST)).to.equal('db');
    expect(jsonpath('{.items[0:1].metadata.name}', LIST)).to.equal('web');
    expect(jsonpath('{$.kind}', LIST)).to.equal('List');
    expect(jsonpath('{.items[0].metadata.labels}', LIST)).to.equal('{"app":"web","tier":"fe"}');
    expect(jsonpath('{.items[*].metadata.nope}', LIST)).to.equal('');
  });

  it('ranges, filters, unions, recursive descent and literals', () => {
    expect(jsonpath('{range .items[*]}{.metadata.name}{"\\t"}{.spec.replicas}{"\\n"}{end}', LIST)).to.equal('web\t2\ndb\t1\n');
    expect(jsonpath('{.items[?(@.spec.replicas>1)].metadata.name}', LIST)).to.equal('web');
    expect(jsonpath('{.items[?(@.metadata.name=="db")].spec.replicas}', LIST)).to.equal('1');
    expect(jsonpath('{.items[?(@.metadata.labels.tier)].metadata.name}', LIST)).to.equal('web');
    expect(jsonpath("{.items[0].metadata['name','labels']}", LIST)).to.equal('web {"app":"web","tier":"fe"}');
    expect(jsonpath('{..image}', LIST)).to.equal('nginx:1.27 busybox postgres');
  });

  it('fails with the parser and evaluator words kubectl prints', () => {
    const err = (tpl: string) => {
      try {
        jsonpath(tpl, LIST);
      } catch (e) {
        expect(e).to.be.instanceOf(JsonPathError);
        return (e as Error).message;
      }
      return 'no error';
    };
    expect(err('{.items[}')).to.equal('error parsing jsonpath {.items[}, unterminated array');
    expect(err('{.items[*].metadata.name')).to.equal('error parsing jsonpath {.items[*].metadata.name, unclosed action');
    expect(err('{.items[?(@.x==1}')).to.equal('error parsing jsonpath {.items[?(@.x==1}, unterminated filter');
    expect(err('{.items[*]["name","image"]}')).to.equal('error parsing jsonpath {.items[*]["name","image"]}, invalid array index "name"');
    expect(err('{end}')).to.equal('not in range, nothing to end');
    expect(err('{foo bar}')).to.equal('unrecognized identifier foo');
    expect(err('{.items[99]}')).to.equal('array index out of bounds: index 99, length 2');
  });

  it('relaxes sort-by and custom-columns paths', () => {
    expect(relaxedJsonPath('.metadata.name')).to.equal('{.metadata.name}');
    expect(relaxedJsonPath('metadata.name')).to.equal('{.metadata.name}');
    expect(relaxedJsonPath('{.spec.replicas}')).to.equal('{.spec.replicas}');
    expect(() => relaxedJsonPath('{.a')).to.throw("unexpected path string, expected a 'name1.name2' or '.name1.name2' or '{name1.name2}' or '{.name1.name2}'");
    expect(parseTemplate('a{.b}c')).to.have.length(3);
  });
});
