// The decoding step: unknown fields (warn, strict, ignore) and wrong JSON types, in the words of
// the API server's decoder.
import { expect } from '@open-wc/testing';
import { boot, deployment, fails, pod, podWith } from './fixtures.ts';

describe('API decoding against the OpenAPI schema', () => {
  it('drops unknown fields with a warning by default', () => {
    const e = boot();
    const d = deployment('web', { replica: 3 });
    const r = e.api.create('deployments.apps', 'default', d);
    expect(r.warnings).to.deep.equal(['unknown field "spec.replica"']);
    expect((r.object as any).spec.replica).to.equal(undefined);
    expect((r.object as any).spec.replicas).to.equal(1);
  });

  it('names list items by index', () => {
    const e = boot();
    const r = e.api.create('pods', 'default', podWith({ imagee: 'nginx', ports: [{ containerPort: 80, protcol: 'TCP' }] }));
    expect(r.warnings).to.deep.equal(['unknown field "spec.containers[0].imagee"', 'unknown field "spec.containers[0].ports[0].protcol"']);
  });

  it('rejects unknown fields under Strict validation', () => {
    const e = boot();
    expect(fails(() => e.api.create('deployments.apps', 'default', deployment('web', { replica: 3 }), { fieldValidation: 'Strict' })).message).to.equal(
      'Deployment in version "v1" cannot be handled as a Deployment: strict decoding error: unknown field "spec.replica"',
    );
    expect(e.api.tryGet('deployments.apps', 'default', 'web')).to.equal(undefined);
  });

  it('joins several strict errors', () => {
    const e = boot();
    const p = pod('p', { nodeSelectr: { a: 'b' } }, { lables: { a: 'b' } });
    expect(fails(() => e.api.create('pods', 'default', p, { fieldValidation: 'Strict' })).message).to.equal(
      'Pod in version "v1" cannot be handled as a Pod: strict decoding error: unknown field "metadata.lables", unknown field "spec.nodeSelectr"',
    );
  });

  it('ignores unknown fields silently under Ignore', () => {
    const e = boot();
    const r = e.api.create('deployments.apps', 'default', deployment('web', { replica: 3 }), { fieldValidation: 'Ignore' });
    expect(r.warnings).to.deep.equal([]);
    expect((r.object as any).spec.replica).to.equal(undefined);
  });

  it('rejects a string where an integer belongs', () => {
    const e = boot();
    expect(fails(() => e.api.create('deployments.apps', 'default', deployment('web', { replicas: '3' }))).message).to.equal(
      'Deployment in version "v1" cannot be handled as a Deployment: json: cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32',
    );
  });

  it('rejects a fractional integer', () => {
    const e = boot();
    expect(fails(() => e.api.create('deployments.apps', 'default', deployment('web', { replicas: 1.5 }))).message).to.equal(
      'Deployment in version "v1" cannot be handled as a Deployment: json: cannot unmarshal number 1.5 into Go struct field DeploymentSpec.spec.replicas of type int32',
    );
  });

  it('rejects a number label value (version: 1.0)', () => {
    const e = boot();
    expect(fails(() => e.api.create('pods', 'default', pod('p', {}, { labels: { version: 1.0 } }))).message).to.equal(
      'Pod in version "v1" cannot be handled as a Pod: json: cannot unmarshal number into Go struct field ObjectMeta.metadata.labels of type string',
    );
  });

  it('rejects a map where a list belongs', () => {
    const e = boot();
    expect(fails(() => e.api.create('pods', 'default', pod('p', { containers: { name: 'a', image: 'b' } }))).message).to.equal(
      'Pod in version "v1" cannot be handled as a Pod: json: cannot unmarshal object into Go struct field PodSpec.spec.containers of type []v1.Container',
    );
  });

  it('reports nested struct fields without list indexes', () => {
    const e = boot();
    expect(fails(() => e.api.create('pods', 'default', podWith({ args: ['--port', 8080] }))).message).to.equal(
      'Pod in version "v1" cannot be handled as a Pod: json: cannot unmarshal number into Go struct field Container.spec.containers.args of type string',
    );
    expect(fails(() => e.api.create('pods', 'default', podWith({ ports: [{ containerPort: '80' }] }))).message).to.equal(
      'Pod in version "v1" cannot be handled as a Pod: json: cannot unmarshal string into Go struct field ContainerPort.spec.containers.ports.containerPort of type int32',
    );
  });

  it('rejects a scalar where an object belongs', () => {
    const e = boot();
    expect(fails(() => e.api.create('deployments.apps', 'default', { ...deployment('web'), spec: 'web' } as any)).message).to.equal(
      'Deployment in version "v1" cannot be handled as a Deployment: json: cannot unmarshal string into Go struct field Deployment.spec of type v1.DeploymentSpec',
    );
  });

  it('rejects secret data that is not base64', () => {
    const e = boot();
    expect(fails(() => e.api.create('secrets', 'default', { apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' }, data: { pw: 'hunter2!' } })).message).to.equal(
      'Secret in version "v1" cannot be handled as a Secret: illegal base64 data at input byte 7',
    );
  });

  it('checks updates too', () => {
    const e = boot();
    const d = structuredClone(e.api.create('deployments.apps', 'default', deployment('web')).object) as any;
    d.spec.paused = 'yes';
    expect(fails(() => e.api.update('deployments.apps', d)).message).to.equal(
      'Deployment in version "v1" cannot be handled as a Deployment: json: cannot unmarshal string into Go struct field DeploymentSpec.spec.paused of type bool',
    );
  });
});
