import { expect } from '@open-wc/testing';
import { deploymentObject } from '../../../../engine/kubectl/commands/create-deployment.ts';
import { toJson } from '../../../../engine/kubectl/printers/json.ts';
import { goYamlKeyLess, toYaml } from '../../../../engine/kubectl/printers/yaml.ts';

// `kubectl create deployment web --image=nginx --replicas=3 --port=80 --dry-run=client -o yaml` (kubectl v1.32.4)
const ORACLE = `apiVersion: apps/v1
kind: Deployment
metadata:
  creationTimestamp: null
  labels:
    app: web
  name: web
spec:
  replicas: 3
  selector:
    matchLabels:
      app: web
  strategy: {}
  template:
    metadata:
      creationTimestamp: null
      labels:
        app: web
    spec:
      containers:
      - image: nginx
        name: nginx
        ports:
        - containerPort: 80
        resources: {}
status: {}
`;

describe('-o yaml / -o json', () => {
  it('prints a generated Deployment exactly as kubectl does', () => {
    expect(toYaml(deploymentObject('web', ['nginx'], 3, 80))).to.equal(ORACLE);
  });

  it('prints generator JSON in Go struct order with 4-space indent', () => {
    const json = toJson(deploymentObject('web', ['nginx'], 1, -1), false);
    expect(json.split('\n').slice(0, 4)).to.deep.equal(['{', '    "kind": "Deployment",', '    "apiVersion": "apps/v1",', '    "metadata": {']);
    expect(json).to.include('"strategy": {}\n    },\n    "status": {}\n}');
  });

  it('quotes strings that would read back as other types, single-quotes those that cannot be plain', () => {
    expect(toYaml({ a: '1', b: 'true', c: 'yes', d: '2025-01-01T00:00:00Z', e: '*/1 * * * *', f: 'a: b', g: '', h: 'plain text', i: null, j: 0.5 })).to.equal(
      `a: "1"\nb: "true"\nc: "yes"\nd: "2025-01-01T00:00:00Z"\ne: '*/1 * * * *'\nf: 'a: b'\ng: ""\nh: plain text\ni: null\nj: 0.5\n`,
    );
  });

  it('writes multi-line strings as literal blocks and folds long plain strings past column 80', () => {
    expect(toYaml({ k: 'line1\nline2\n' })).to.equal('k: |\n  line1\n  line2\n');
    expect(toYaml({ k: 'no newline\nat end' })).to.equal('k: |-\n  no newline\n  at end\n');
    const long = toYaml({ status: { message: 'Back-off pulling image "nginx:nonexist": ErrImagePull: failed to pull and unpack image "docker.io/library/nginx:nonexist"' } });
    expect(long).to.equal(
      'status:\n  message: \'Back-off pulling image "nginx:nonexist": ErrImagePull: failed to pull\n    and unpack image "docker.io/library/nginx:nonexist"\'\n',
    );
  });

  it('orders keys like go-yaml (digit runs as numbers, letters after other characters)', () => {
    expect(['b', 'a10', 'a2', 'a', 'a.b', 'a-b'].sort(goYamlKeyLess)).to.deep.equal(['a', 'a-b', 'a.b', 'a2', 'a10', 'b']);
  });
});
