import { expect } from '@open-wc/testing';
import { evalJsonPath, JsonPathError } from '../../../engine/lessons/jsonpath.ts';

const deploy = {
  metadata: { name: 'web', labels: { app: 'web', 'app.kubernetes.io/name': 'web' } },
  spec: {
    replicas: 3,
    paused: false,
    template: { spec: { containers: [{ name: 'nginx', image: 'nginx:1.27', ports: [{ containerPort: 80 }] }, { name: 'side', image: 'busybox' }] } },
  },
  status: { conditions: [{ type: 'Available', status: 'True' }, { type: 'Progressing', status: 'True', reason: 'NewReplicaSetAvailable' }] },
};

const text = (t: string) => evalJsonPath(t, deploy).text;

describe('kubectl JSONPath subset', () => {
  it('prints scalars as kubectl -o jsonpath does', () => {
    expect(text('{.spec.replicas}')).to.equal('3');
    expect(text('{.spec.paused}')).to.equal('false');
    expect(text('{.metadata.name}')).to.equal('web');
    expect(text('{$.metadata.name}')).to.equal('web');
  });

  it('indexes, slices and wildcards arrays, joining results with a space', () => {
    expect(text('{.spec.template.spec.containers[0].image}')).to.equal('nginx:1.27');
    expect(text('{.spec.template.spec.containers[-1].name}')).to.equal('side');
    expect(text('{.spec.template.spec.containers[*].name}')).to.equal('nginx side');
    expect(text('{.spec.template.spec.containers[0:1].name}')).to.equal('nginx');
    expect(text('{..image}')).to.equal('nginx:1.27 busybox');
  });

  it('filters with [?()]', () => {
    expect(text('{.status.conditions[?(@.type=="Available")].status}')).to.equal('True');
    expect(text(`{.status.conditions[?(@.type == 'Progressing')].reason}`)).to.equal('NewReplicaSetAvailable');
    expect(text('{.status.conditions[?(@.reason)].type}')).to.equal('Progressing');
    expect(text('{.spec.template.spec.containers[?(@.ports[0].containerPort>=80)].name}')).to.equal('nginx');
  });

  it('quotes keys with dots or slashes, and prints maps as JSON', () => {
    expect(text(`{.metadata.labels['app.kubernetes.io/name']}`)).to.equal('web');
    expect(text('{.metadata.labels}')).to.equal('{"app":"web","app.kubernetes.io/name":"web"}');
  });

  it('mixes literal text and expressions', () => {
    expect(text('{.metadata.name}={.spec.replicas}')).to.equal('web=3');
  });

  it('reports a missing key as not found with empty text', () => {
    expect(evalJsonPath('{.spec.strategy.type}', deploy)).to.deep.equal({ text: '', found: false });
    expect(evalJsonPath('{.spec.replicas}', deploy)).to.deep.equal({ text: '3', found: true });
  });

  it('rejects what it does not support', () => {
    expect(() => evalJsonPath('{.spec', deploy)).to.throw(JsonPathError, 'unclosed');
    expect(() => evalJsonPath('{range .items[*]}{.name}{end}', deploy)).to.throw(JsonPathError, 'not supported');
    expect(() => evalJsonPath('{.a[?(@.x ~ 1)]}', deploy)).to.throw(JsonPathError);
  });
});
