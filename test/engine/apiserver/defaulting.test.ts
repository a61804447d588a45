// What a v1.32 API server fills in on create, as `kubectl get -o yaml` shows it.
import { expect } from '@open-wc/testing';
import { boot, container, deployment, fails, job, pod, podWith, service } from './fixtures.ts';

describe('API defaulting', () => {
  it('defaults a Pod like a real cluster (admission included)', () => {
    const e = boot();
    const p = e.api.create('pods', 'default', pod('nginx', { containers: [{ name: 'nginx', image: 'nginx' }] })).object as any;
    const vol = p.spec.volumes[0].name as string;
    expect(vol).to.match(/^kube-api-access-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    expect(p.spec).to.deep.equal({
      containers: [
        {
          name: 'nginx',
          image: 'nginx',
          imagePullPolicy: 'Always',
          resources: {},
          terminationMessagePath: '/dev/termination-log',
          terminationMessagePolicy: 'File',
          volumeMounts: [{ mountPath: '/var/run/secrets/kubernetes.io/serviceaccount', name: vol, readOnly: true }],
        },
      ],
      dnsPolicy: 'ClusterFirst',
      enableServiceLinks: true,
      preemptionPolicy: 'PreemptLowerPriority',
      priority: 0,
      restartPolicy: 'Always',
      schedulerName: 'default-scheduler',
      securityContext: {},
      serviceAccount: 'default',
      serviceAccountName: 'default',
      terminationGracePeriodSeconds: 30,
      tolerations: [
        { effect: 'NoExecute', key: 'node.kubernetes.io/not-ready', operator: 'Exists', tolerationSeconds: 300 },
        { effect: 'NoExecute', key: 'node.kubernetes.io/unreachable', operator: 'Exists', tolerationSeconds: 300 },
      ],
      volumes: [
        {
          name: vol,
          projected: {
            defaultMode: 420,
            sources: [
              { serviceAccountToken: { expirationSeconds: 3607, path: 'token' } },
              { configMap: { items: [{ key: 'ca.crt', path: 'ca.crt' }], name: 'kube-root-ca.crt' } },
              { downwardAPI: { items: [{ fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' }, path: 'namespace' }] } },
            ],
          },
        },
      ],
    });
    expect(p.status).to.deep.equal({ phase: 'Pending', qosClass: 'BestEffort' });
  });

  it('picks imagePullPolicy from the tag', () => {
    const e = boot();
    const policy = (image: string) =>
      (e.api.create('pods', 'default', pod(`p${Math.abs(hash(image))}`, { containers: [{ name: 'c', image }] })).object as any).spec.containers[0].imagePullPolicy;
    expect(policy('nginx')).to.equal('Always');
    expect(policy('nginx:latest')).to.equal('Always');
    expect(policy('nginx:1.25')).to.equal('IfNotPresent');
    expect(policy('localhost:5000/app')).to.equal('Always');
    expect(policy('nginx@sha256:abc')).to.equal('IfNotPresent');
  });

  it('defaults probes, ports and requests from limits; computes QoS', () => {
    const e = boot();
    const p = e.api.create(
      'pods',
      'default',
      podWith({ ports: [{ containerPort: 80 }], resources: { limits: { cpu: '0.5', memory: '1024Mi' } }, livenessProbe: { httpGet: { port: 80 } } }),
    ).object as any;
    const c = p.spec.containers[0];
    expect(c.ports).to.deep.equal([{ containerPort: 80, protocol: 'TCP' }]);
    expect(c.resources).to.deep.equal({ limits: { cpu: '500m', memory: '1Gi' }, requests: { cpu: '500m', memory: '1Gi' } });
    expect(c.livenessProbe).to.deep.equal({ httpGet: { port: 80, path: '/', scheme: 'HTTP' }, timeoutSeconds: 1, periodSeconds: 10, successThreshold: 1, failureThreshold: 3 });
    expect(p.status.qosClass).to.equal('Guaranteed');
    const b = e.api.create('pods', 'default', pod('b', { containers: [container({ resources: { requests: { cpu: '100m' } } })] })).object as any;
    expect(b.status.qosClass).to.equal('Burstable');
  });

  it('keeps a pod from mounting the token when automount is off', () => {
    const e = boot();
    const p = e.api.create('pods', 'default', pod('p', { automountServiceAccountToken: false })).object as any;
    expect(p.spec.volumes).to.equal(undefined);
    expect(p.spec.containers[0].volumeMounts).to.equal(undefined);
  });

  it('rejects pods naming a missing service account or priority class', () => {
    const e = boot();
    expect(fails(() => e.api.create('pods', 'default', pod('p', { serviceAccountName: 'robot' }))).message).to.equal(
      'pods "p" is forbidden: error looking up service account default/robot: serviceaccount "robot" not found',
    );
    expect(fails(() => e.api.create('pods', 'default', pod('p', { priorityClassName: 'gold' }))).message).to.equal(
      'pods "p" is forbidden: no PriorityClass with name gold was found',
    );
    const crit = e.api.create('pods', 'default', pod('c', { priorityClassName: 'system-node-critical' })).object as any;
    expect(crit.spec.priority).to.equal(2000001000);
  });

  it('turns a bad quantity into the decoder error', () => {
    const e = boot();
    expect(fails(() => e.api.create('pods', 'default', podWith({ resources: { limits: { memory: '1GB' } } }))).message).to.equal(
      "Pod in version \"v1\" cannot be handled as a Pod: quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'",
    );
  });

  it('defaults a Deployment and its template', () => {
    const e = boot();
    const d = e.api.create('deployments.apps', 'default', deployment('web')).object as any;
    expect(d.spec.replicas).to.equal(1);
    expect(d.spec.strategy).to.deep.equal({ type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '25%', maxSurge: '25%' } });
    expect(d.spec.revisionHistoryLimit).to.equal(10);
    expect(d.spec.progressDeadlineSeconds).to.equal(600);
    expect(d.spec.template.metadata.creationTimestamp).to.equal(null);
    expect(d.spec.template.spec).to.deep.equal({
      containers: [{ name: 'app', image: 'nginx:1.25', imagePullPolicy: 'IfNotPresent', resources: {}, terminationMessagePath: '/dev/termination-log', terminationMessagePolicy: 'File' }],
      dnsPolicy: 'ClusterFirst',
      restartPolicy: 'Always',
      schedulerName: 'default-scheduler',
      securityContext: {},
      terminationGracePeriodSeconds: 30,
    });
    expect(d.status).to.deep.equal({});
    expect(d.metadata.generation).to.equal(1);
  });

  it('bumps generation on spec changes only', () => {
    const e = boot();
    const d = structuredClone(e.api.create('deployments.apps', 'default', deployment('web')).object) as any;
    d.metadata.labels = { team: 'a' };
    const d2 = structuredClone(e.api.update('deployments.apps', d).object) as any;
    expect(d2.metadata.generation).to.equal(1);
    d2.spec.replicas = 3;
    expect((e.api.update('deployments.apps', d2).object as any).metadata.generation).to.equal(2);
  });

  it('defaults a ClusterIP Service and allocates its IP', () => {
    const e = boot();
    const s = e.api.create('services', 'default', service('web')).object as any;
    expect(s.spec.clusterIP).to.match(/^10\.(9[6-9]|10[0-9]|11[01])\.\d+\.\d+$/);
    expect(s.spec.clusterIP).to.not.equal('10.96.0.1');
    expect(s.spec).to.deep.equal({
      selector: { app: 'web' },
      ports: [{ port: 80, protocol: 'TCP', targetPort: 80 }],
      type: 'ClusterIP',
      sessionAffinity: 'None',
      internalTrafficPolicy: 'Cluster',
      clusterIP: s.spec.clusterIP,
      clusterIPs: [s.spec.clusterIP],
      ipFamilies: ['IPv4'],
      ipFamilyPolicy: 'SingleStack',
    });
    expect(s.status).to.deep.equal({ loadBalancer: {} });
  });

  it('allocates node ports for NodePort and LoadBalancer services', () => {
    const e = boot();
    const np = e.api.create('services', 'default', service('np', { type: 'NodePort' })).object as any;
    expect(np.spec.ports[0].nodePort).to.be.within(30000, 32767);
    expect(np.spec.externalTrafficPolicy).to.equal('Cluster');
    const lb = e.api.create('services', 'default', service('lb', { type: 'LoadBalancer' })).object as any;
    expect(lb.spec.allocateLoadBalancerNodePorts).to.equal(true);
    expect(lb.spec.ports[0].nodePort).to.not.equal(np.spec.ports[0].nodePort);
  });

  it('keeps the clusterIP and node port across an update that omits them', () => {
    const e = boot();
    const s = e.api.create('services', 'default', service('np', { type: 'NodePort' })).object as any;
    const next = structuredClone(s);
    delete next.spec.clusterIP;
    delete next.spec.clusterIPs;
    delete next.spec.ports[0].nodePort;
    const u = e.api.update('services', next).object as any;
    expect(u.spec.clusterIP).to.equal(s.spec.clusterIP);
    expect(u.spec.ports[0].nodePort).to.equal(s.spec.ports[0].nodePort);
  });

  it('defaults a Namespace', () => {
    const e = boot();
    const ns = e.api.create('namespaces', undefined, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'dev' } }).object as any;
    expect(ns.metadata.labels).to.deep.equal({ 'kubernetes.io/metadata.name': 'dev' });
    expect(ns.spec).to.deep.equal({ finalizers: ['kubernetes'] });
    expect(ns.status).to.deep.equal({ phase: 'Active' });
  });

  it('defaults a Job with its generated selector and labels', () => {
    const e = boot();
    const j = e.api.create('jobs.batch', 'default', job('pi')).object as any;
    const uid = j.metadata.uid;
    expect(j.spec.selector).to.deep.equal({ matchLabels: { 'batch.kubernetes.io/controller-uid': uid } });
    expect(j.spec.template.metadata.labels).to.deep.equal({
      'batch.kubernetes.io/controller-uid': uid,
      'batch.kubernetes.io/job-name': 'pi',
      'controller-uid': uid,
      'job-name': 'pi',
    });
    expect(j.metadata.labels).to.deep.equal(j.spec.template.metadata.labels);
    expect([j.spec.completions, j.spec.parallelism, j.spec.backoffLimit, j.spec.completionMode, j.spec.suspend, j.spec.podReplacementPolicy]).to.deep.equal([
      1, 1, 6, 'NonIndexed', false, 'TerminatingOrFailed',
    ]);
  });

  it('defaults CronJob, StatefulSet, DaemonSet, Secret, PVC and HPA', () => {
    const e = boot();
    const cj = e.api.create('cronjobs.batch', 'default', { apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name: 'c' }, spec: { schedule: '*/1 * * * *', jobTemplate: { spec: job('x').spec } } } as any).object as any;
    expect([cj.spec.concurrencyPolicy, cj.spec.suspend, cj.spec.successfulJobsHistoryLimit, cj.spec.failedJobsHistoryLimit]).to.deep.equal(['Allow', false, 3, 1]);
    const sts = e.api.create('statefulsets.apps', 'default', { ...deployment('db', { serviceName: 'db' }), kind: 'StatefulSet' }).object as any;
    expect(sts.spec.podManagementPolicy).to.equal('OrderedReady');
    expect(sts.spec.updateStrategy).to.deep.equal({ type: 'RollingUpdate', rollingUpdate: { partition: 0 } });
    expect(sts.spec.persistentVolumeClaimRetentionPolicy).to.deep.equal({ whenDeleted: 'Retain', whenScaled: 'Retain' });
    const ds = e.api.create('daemonsets.apps', 'default', { ...deployment('agent'), kind: 'DaemonSet' }).object as any;
    expect(ds.spec.updateStrategy).to.deep.equal({ type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1, maxSurge: 0 } });
    expect(ds.spec.revisionHistoryLimit).to.equal(10);
    const sec = e.api.create('secrets', 'default', { apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' }, stringData: { pw: 'hunter2' } }).object as any;
    expect(sec.type).to.equal('Opaque');
    expect(sec.data).to.deep.equal({ pw: 'aHVudGVyMg==' });
    const pvc = e.api.create('persistentvolumeclaims', 'default', { apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'd' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1024Mi' } } } }).object as any;
    expect(pvc.spec.volumeMode).to.equal('Filesystem');
    expect(pvc.spec.resources.requests.storage).to.equal('1Gi');
    expect(pvc.status).to.deep.equal({ phase: 'Pending' });
    const hpa = e.api.create('horizontalpodautoscalers.autoscaling', 'default', { apiVersion: 'autoscaling/v1', kind: 'HorizontalPodAutoscaler', metadata: { name: 'web' }, spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' }, maxReplicas: 5, targetCPUUtilizationPercentage: 50 } } as any).object as any;
    expect(hpa.apiVersion).to.equal('autoscaling/v2');
    expect(hpa.spec.minReplicas).to.equal(1);
    expect(hpa.spec.metrics).to.deep.equal([{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 50 } } }]);
  });

  it('lets a pod update change only the image', () => {
    const e = boot();
    const p = structuredClone(e.api.create('pods', 'default', pod('p')).object) as any;
    p.spec.containers[0].image = 'nginx:1.27';
    expect((e.api.update('pods', p).object as any).spec.containers[0].image).to.equal('nginx:1.27');
    const q = structuredClone(e.api.get('pods', 'default', 'p')) as any;
    q.spec.restartPolicy = 'Never';
    const msg = fails(() => e.api.update('pods', q)).message;
    expect(msg.split('\n')[0]).to.equal(
      'Pod "p" is invalid: spec: Forbidden: pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)',
    );
    expect(msg).to.contain('- \tRestartPolicy: "Always",');
    expect(msg).to.contain('+ \tRestartPolicy: "Never",');
  });

  it('creates 1,000 pods quickly', () => {
    const e = boot();
    const t0 = performance.now();
    for (let i = 0; i < 1000; i++) e.api.create('pods', 'default', pod(`p${i}`, { containers: [container({ resources: { requests: { cpu: '100m' } } })] }));
    expect(performance.now() - t0).to.be.below(1500);
  });
});

function hash(s: string): number {
  let h = 0;
  for (const c of s) h = (h * 31 + c.charCodeAt(0)) | 0;
  return h;
}
