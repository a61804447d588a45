import { expect } from '@open-wc/testing';
import type { Pod } from '../../../../engine/api/core-v1.ts';
import { humanDuration } from '../../../../engine/kubectl/printers/human-duration.ts';
import { podRow } from '../../../../engine/kubectl/printers/columns/pod.ts';
import { tabwrite } from '../../../../engine/kubectl/printers/tabwriter.ts';
import { formatLabels, printTable, type Column } from '../../../../engine/kubectl/printers/table.ts';

const NOW = Date.UTC(2025, 0, 1, 1, 0, 0);

function pod(status: Pod['status'], extra: Partial<Pod['spec']> = {}, deleting = false): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'p', namespace: 'default', creationTimestamp: '2025-01-01T00:00:00Z', ...(deleting ? { deletionTimestamp: '2025-01-01T01:00:30Z' } : {}) },
    spec: { containers: [{ name: 'app', image: 'nginx' }], ...extra },
    status,
  };
}

describe('kubectl table printing', () => {
  it('pads columns to the widest cell plus 3 spaces, minimum 6, last column unpadded', () => {
    const cols: Column[] = [
      { name: 'Name', cell: (o) => o.metadata.name! },
      { name: 'Status', cell: () => 'Running' },
    ];
    const text = printTable(cols, [{ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'nginx' } }], {}, { now: NOW });
    expect(text).to.equal('NAME    STATUS\nnginx   Running\n');
  });

  it('adds NAMESPACE first with -A and LABELS last with --show-labels; wide columns only with -o wide', () => {
    const cols: Column[] = [
      { name: 'Name', cell: (o) => o.metadata.name! },
      { name: 'Node', wide: true, cell: () => 'n1' },
    ];
    const objs = [{ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'a', namespace: 'kube-system', labels: { z: '1', app: 'x' } } }];
    expect(printTable(cols, objs, { allNamespaces: true, showLabels: true }, { now: NOW })).to.equal('NAMESPACE     NAME   LABELS\nkube-system   a      app=x,z=1\n');
    expect(printTable(cols, objs, { wide: true, noHeaders: true }, { now: NOW })).to.equal('a     n1\n');
  });

  it('remembers widths across writes, as get -w rows do', () => {
    const widths: number[] = [];
    expect(tabwrite('NAME\tSTATUS\tAGE\n', { minwidth: 6, padding: 3 }, widths)).to.equal('NAME   STATUS   AGE\n');
    expect(tabwrite('a\tContainerCreating\t1s\n', { minwidth: 6, padding: 3 }, widths)).to.equal('a      ContainerCreating   1s\n');
    expect(tabwrite('a\tRunning\t2s\n', { minwidth: 6, padding: 3 }, widths)).to.equal('a      Running             2s\n');
  });

  it('prints ages as HumanDuration', () => {
    const s = 1000;
    expect([0, 45 * s, 119 * s, 120 * s, 310 * s, 600 * s, 179 * 60 * s, 5.5 * 3600 * s, 47 * 3600 * s, 51 * 3600 * s, 400 * 86400 * s].map(humanDuration)).to.deep.equal([
      '0s', '45s', '119s', '2m', '5m10s', '10m', '179m', '5h30m', '47h', '2d3h', '400d',
    ]);
    expect(humanDuration(-5000)).to.equal('<invalid>');
  });

  it('formats labels sorted, <none> when empty', () => {
    expect(formatLabels({ b: '2', a: '1' })).to.equal('a=1,b=2');
    expect(formatLabels({})).to.equal('<none>');
  });
});

describe('pod STATUS/READY/RESTARTS (printPod)', () => {
  it('shows the waiting reason of a crash-looping container and the last restart age', () => {
    const r = podRow(
      pod({
        phase: 'Running',
        containerStatuses: [
          {
            name: 'app', ready: false, restartCount: 3, image: 'x', imageID: '',
            state: { waiting: { reason: 'CrashLoopBackOff' } },
            lastState: { terminated: { exitCode: 1, reason: 'Error', finishedAt: '2025-01-01T00:59:15Z' } },
          },
        ],
      }),
      NOW,
    );
    expect(r).to.deep.equal({ ready: '0/1', status: 'CrashLoopBackOff', restarts: '3 (45s ago)' });
  });

  it('shows Init:0/1 while an init container runs, and Terminating when deleted', () => {
    const init = pod(
      { phase: 'Pending', initContainerStatuses: [{ name: 'i', ready: false, restartCount: 0, image: 'x', imageID: '', state: { running: {} } }], containerStatuses: [] },
      { initContainers: [{ name: 'i', image: 'busybox' }] },
    );
    expect(podRow(init, NOW).status).to.equal('Init:0/1');
    const running = { phase: 'Running' as const, containerStatuses: [{ name: 'app', ready: true, restartCount: 0, image: 'x', imageID: '', state: { running: {} } }] };
    expect(podRow(pod(running), NOW)).to.deep.equal({ ready: '1/1', status: 'Running', restarts: '0' });
    expect(podRow(pod(running, {}, true), NOW).status).to.equal('Terminating');
  });

  it('shows Completed for a finished container and ContainerCreating before start', () => {
    const done = pod({ phase: 'Succeeded', containerStatuses: [{ name: 'app', ready: false, restartCount: 0, image: 'x', imageID: '', state: { terminated: { exitCode: 0, reason: 'Completed' } } }] });
    expect(podRow(done, NOW).status).to.equal('Completed');
    const creating = pod({ phase: 'Pending', containerStatuses: [{ name: 'app', ready: false, restartCount: 0, image: 'x', imageID: '', state: { waiting: { reason: 'ContainerCreating' } } }] });
    expect(podRow(creating, NOW).status).to.equal('ContainerCreating');
    expect(podRow(pod({ phase: 'Pending' }), NOW).status).to.equal('Pending');
  });
});
