import { expect } from '@open-wc/testing';
import { MAX_MANIFEST_BYTES, parseManifest } from '../../../engine/kubectl/manifest.ts';

const first = (text: string, src = 'bad.yaml') => parseManifest(text, src).errors[0];

describe('manifests (kubectl -f)', () => {
  it('reads multi-document streams and List kinds', () => {
    const r = parseManifest('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n---\n---\napiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: Namespace\n  metadata:\n    name: dev\n', 'x.yaml');
    expect(r.errors).to.deep.equal([]);
    expect(r.objects.map((o) => `${o.type.kind}/${o.object.metadata.name}`)).to.deep.equal(['ConfigMap/a', 'Namespace/dev']);
  });

  it('reads YAML 1.1 scalars as go-yaml does (yes is a boolean, timestamps stay strings)', () => {
    const o = parseManifest('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\ndata:\n  x: yes\n  t: 2025-01-01\n', 's').objects[0]!.object;
    expect(o['data']).to.deep.equal({ x: true, t: '2025-01-01' });
  });

  it('words YAML syntax errors as go-yaml (kubectl v1.32)', () => {
    expect(first('apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\n   labels: a\n')).to.equal(
      'error: error parsing bad.yaml: error converting YAML to JSON: yaml: line 5: mapping values are not allowed in this context\n',
    );
    expect(first('apiVersion: v1\nkind: Pod\nmetadata:\n\tname: x\n')).to.include('yaml: line 4: found character that cannot start any token');
    expect(first('apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\nspec:\n  containers:\n  - name: a\n\t  image: b\n')).to.include('yaml: line 8: found a tab character that violates indentation');
    expect(first('apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\nspec:\n  containers:\n  - name: a\n   image: b\n')).to.include('yaml: line 7: did not find expected key');
    expect(first('apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\nspec:\n  containers:\n    - name: a\n      image: b\n     ports: []\n')).to.include("yaml: line 8: did not find expected '-' indicator");
    expect(first('apiVersion: v1\nkind: Pod\nmetadata:\n  name: "x\n')).to.include('yaml: line 5: found unexpected end of stream');
    expect(first('apiVersion: v1\nkind: Pod\nmetadata:\n  labels: {a: b\n')).to.include("yaml: line 4: did not find expected ',' or '}'");
  });

  it('reports missing kind/apiVersion and unknown kinds as kubectl does', () => {
    expect(first('metadata:\n  name: x\n', 'nokind.yaml')).to.equal(
      'error: error validating "nokind.yaml": error validating data: [apiVersion not set, kind not set]; if you choose to ignore these errors, turn validation off with --validate=false\n',
    );
    expect(first('apiVersion: apps/v1\nkind: Deploymnt\nmetadata:\n  name: api\n', 'badkind.yaml')).to.equal(
      'error: resource mapping not found for name: "api" namespace: "" from "badkind.yaml": no matches for kind "Deploymnt" in version "apps/v1"\nensure CRDs are installed first\n',
    );
  });

  it('refuses alias bombs and oversized input without producing objects', () => {
    let bomb = 'a: &a ["x","x","x","x","x","x","x","x","x"]\n';
    for (const [p, q] of [['b', 'a'], ['c', 'b'], ['d', 'c'], ['e', 'd'], ['f', 'e'], ['g', 'f']]) bomb += `${p}: &${p} [*${q},*${q},*${q},*${q},*${q},*${q},*${q},*${q},*${q}]\n`;
    const r = parseManifest(`apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata:\n  ${bomb.replace(/\n/g, '\n  ')}`, 'bomb.yaml');
    expect(r.objects).to.have.length(0);
    expect(r.errors[0]).to.include('excessive aliasing');
    const huge = parseManifest('x'.repeat(MAX_MANIFEST_BYTES + 1), 'huge.yaml');
    expect(huge.objects).to.have.length(0);
    expect(huge.errors[0]).to.match(/^error: error parsing huge.yaml: /);
  });
});
