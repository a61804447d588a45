import { expect } from '@open-wc/testing';
import { complete } from '../../../engine/shell/complete.ts';
import { loadExplainData } from '../../../engine/kubectl/commands/explain.ts';
import { terminal } from '../kubectl/helpers.ts';

describe('terminal completion', () => {
  it('completes the k alias, nested create generators, flag values and can-i', async () => {
    const t = terminal();
    await t.run('kubectl create deployment web --image=nginx');
    await loadExplainData(); // explain's field data loads on demand (the runtime awaits it too)
    expect(complete('k get deployments w', t.host)).to.deep.equal(['web']);
    expect(complete('kubectl create secret ', t.host)).to.deep.equal(['docker-registry', 'generic', 'tls']);
    expect(complete('kubectl create service n', t.host)).to.deep.equal(['nodeport']);
    expect(complete('kubectl apply -f x --dry-run ', t.host)).to.deep.equal(['client', 'none', 'server']);
    expect(complete('kubectl get pods -o custom', t.host)).to.deep.equal(['custom-columns-file=', 'custom-columns=']);
    expect(complete('kubectl get pods --output=ya', t.host)).to.deep.equal(['--output=yaml']);
    expect(complete('kubectl auth can-i cr', t.host)).to.deep.equal(['create']);
    expect(complete('kubectl label deploy w', t.host)).to.deep.equal(['web']);
    expect(complete('kubectl explain pod.sp', t.host)).to.deep.equal(['pod.spec']);
    expect(complete('kubectl explain deploy.spec.strategy.', t.host)).to.deep.equal(['deploy.spec.strategy.rollingUpdate', 'deploy.spec.strategy.type']);
  });

  it('remembers the namespace of the current context', async () => {
    const t = terminal();
    await t.run('kubectl create namespace dev; kubectl create deployment api --image=nginx -n dev');
    expect(complete('kubectl get deploy a', t.host)).to.deep.equal([]);
    await t.run('kubectl config set-context --current --namespace=dev');
    expect(complete('kubectl get deploy a', t.host)).to.deep.equal(['api']);
  });
});
