// One test per semantic validation rule, asserting the API server's exact message.
import { expect } from '@open-wc/testing';
import type { KubeObject } from '../../../engine/api/meta.ts';
import type { Engine } from '../../../engine/engine.ts';
import { boot, container, deployment, fails, job, pod, podWith, service } from './fixtures.ts';

const DNS_LABEL_MSG =
  "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
const SUBDOMAIN_MSG =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
const DNS1035_MSG =
  "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')";
const LABEL_VALUE_MSG =
  "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";
const NAME_PART_MSG =
  "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";

interface Rule {
  name: string;
  resource: string;
  obj?: KubeObject;
  /** For update rules: performs the writes and returns what the last one threw. */
  run?: (e: Engine) => unknown;
  message: string;
}

const P = 'Pod "p" is invalid: ';

const RULES: Rule[] = [
  // Names and metadata
  { name: 'name must be a DNS-1123 subdomain', resource: 'deployments.apps', obj: deployment('My_App'), message: `Deployment.apps "My_App" is invalid: metadata.name: Invalid value: "My_App": ${SUBDOMAIN_MSG}` },
  { name: 'name or generateName is required', resource: 'configmaps', obj: { apiVersion: 'v1', kind: 'ConfigMap', metadata: {} }, message: 'ConfigMap "" is invalid: metadata.name: Required value: name or generateName is required' },
  { name: 'subdomain names are at most 253 characters', resource: 'configmaps', obj: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'a'.repeat(254) } }, message: `ConfigMap "${'a'.repeat(254)}" is invalid: metadata.name: Invalid value: "${'a'.repeat(254)}": must be no more than 253 characters` },
  { name: 'namespace names are DNS-1123 labels', resource: 'namespaces', obj: { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'dev.team' } }, message: `Namespace "dev.team" is invalid: metadata.name: Invalid value: "dev.team": ${DNS_LABEL_MSG}` },
  { name: 'namespace names are at most 63 characters', resource: 'namespaces', obj: { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'n'.repeat(64) } }, message: `Namespace "${'n'.repeat(64)}" is invalid: [metadata.name: Invalid value: "${'n'.repeat(64)}": must be no more than 63 characters, metadata.labels: Invalid value: "${'n'.repeat(64)}": must be no more than 63 characters]` },
  { name: 'service names are DNS-1035 labels', resource: 'services', obj: service('1web'), message: `Service "1web" is invalid: metadata.name: Invalid value: "1web": ${DNS1035_MSG}` },
  { name: 'label values are checked', resource: 'configmaps', obj: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', labels: { app: 'web app' } } }, message: `ConfigMap "c" is invalid: metadata.labels: Invalid value: "web app": ${LABEL_VALUE_MSG}` },
  { name: 'label values are at most 63 characters', resource: 'configmaps', obj: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', labels: { app: 'v'.repeat(64) } } }, message: `ConfigMap "c" is invalid: metadata.labels: Invalid value: "${'v'.repeat(64)}": must be no more than 63 characters` },
  { name: 'label keys are qualified names', resource: 'configmaps', obj: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', labels: { '-app': 'x' } } }, message: `ConfigMap "c" is invalid: metadata.labels: Invalid value: "-app": ${NAME_PART_MSG}` },
  { name: 'label key prefixes are subdomains', resource: 'configmaps', obj: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', labels: { 'Example.com/app': 'x' } } }, message: `ConfigMap "c" is invalid: metadata.labels: Invalid value: "Example.com/app": prefix part ${SUBDOMAIN_MSG}` },
  { name: 'annotation keys are qualified names', resource: 'configmaps', obj: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', annotations: { 'a b': 'x' } } }, message: `ConfigMap "c" is invalid: metadata.annotations: Invalid value: "a b": ${NAME_PART_MSG}` },
  { name: 'annotations are at most 256 KiB', resource: 'configmaps', obj: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', annotations: { big: 'x'.repeat(262145) } } }, message: 'ConfigMap "c" is invalid: metadata.annotations: Too long: may not be more than 262144 bytes' },
  { name: 'ownerReferences need a uid', resource: 'configmaps', obj: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', ownerReferences: [{ apiVersion: 'v1', kind: 'Pod', name: 'p', uid: '' }] } }, message: 'ConfigMap "c" is invalid: metadata.ownerReferences.uid: Invalid value: "": uid must not be empty' },
  { name: 'orphan and foregroundDeletion cannot both be set', resource: 'configmaps', obj: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', finalizers: ['orphan', 'foregroundDeletion'] } }, message: 'ConfigMap "c" is invalid: metadata.finalizers: Invalid value: []string{"orphan", "foregroundDeletion"}: finalizer orphan and foregroundDeletion cannot be both set' },

  // Pod spec
  { name: 'containers are required', resource: 'pods', obj: pod('p', { containers: [] }), message: `${P}spec.containers: Required value` },
  { name: 'container image is required', resource: 'pods', obj: podWith({ image: undefined }), message: `${P}spec.containers[0].image: Required value` },
  { name: 'container names are DNS-1123 labels', resource: 'pods', obj: podWith({ name: 'My_App' }), message: `${P}spec.containers[0].name: Invalid value: "My_App": ${DNS_LABEL_MSG}` },
  { name: 'container names are unique', resource: 'pods', obj: pod('p', { containers: [container(), container()] }), message: `${P}spec.containers[1].name: Duplicate value: "app"` },
  { name: 'init container names differ from container names', resource: 'pods', obj: pod('p', { initContainers: [container()] }), message: `${P}spec.initContainers[0].name: Duplicate value: "app"` },
  { name: 'restartPolicy values', resource: 'pods', obj: pod('p', { restartPolicy: 'Sometimes' }), message: `${P}spec.restartPolicy: Unsupported value: "Sometimes": supported values: "Always", "OnFailure", "Never"` },
  { name: 'dnsPolicy values', resource: 'pods', obj: pod('p', { dnsPolicy: 'Google' }), message: `${P}spec.dnsPolicy: Unsupported value: "Google": supported values: "ClusterFirstWithHostNet", "ClusterFirst", "Default", "None"` },
  { name: 'imagePullPolicy values', resource: 'pods', obj: podWith({ imagePullPolicy: 'Sometimes' }), message: `${P}spec.containers[0].imagePullPolicy: Unsupported value: "Sometimes": supported values: "Always", "IfNotPresent", "Never"` },
  { name: 'container ports are 1-65535', resource: 'pods', obj: podWith({ ports: [{ containerPort: 70000 }] }), message: `${P}spec.containers[0].ports[0].containerPort: Invalid value: 70000: must be between 1 and 65535, inclusive` },
  { name: 'containerPort is required', resource: 'pods', obj: podWith({ ports: [{ name: 'http' }] }), message: `${P}spec.containers[0].ports[0].containerPort: Required value` },
  { name: 'hostPort range', resource: 'pods', obj: podWith({ ports: [{ containerPort: 80, hostPort: 70000 }] }), message: `${P}spec.containers[0].ports[0].hostPort: Invalid value: 70000: must be between 1 and 65535, inclusive` },
  { name: 'port protocols', resource: 'pods', obj: podWith({ ports: [{ containerPort: 80, protocol: 'HTTP' }] }), message: `${P}spec.containers[0].ports[0].protocol: Unsupported value: "HTTP": supported values: "SCTP", "TCP", "UDP"` },
  { name: 'port names are at most 15 characters', resource: 'pods', obj: podWith({ ports: [{ containerPort: 80, name: 'a-very-long-port-name' }] }), message: `${P}spec.containers[0].ports[0].name: Invalid value: "a-very-long-port-name": must be no more than 15 characters` },
  { name: 'port names contain a letter', resource: 'pods', obj: podWith({ ports: [{ containerPort: 80, name: '8080' }] }), message: `${P}spec.containers[0].ports[0].name: Invalid value: "8080": must contain at least one letter (a-z)` },
  { name: 'port names are unique', resource: 'pods', obj: podWith({ ports: [{ containerPort: 80, name: 'web' }, { containerPort: 81, name: 'web' }] }), message: `${P}spec.containers[0].ports[1].name: Duplicate value: "web"` },
  { name: 'env var names may not contain =', resource: 'pods', obj: podWith({ env: [{ name: 'A=B', value: 'x' }] }), message: `${P}spec.containers[0].env[0].name: Invalid value: "A=B": a valid environment variable name must consist only of printable ASCII characters other than '='` },
  { name: 'env var valueFrom needs a source', resource: 'pods', obj: podWith({ env: [{ name: 'A', valueFrom: {} }] }), message: `${P}spec.containers[0].env[0].valueFrom: Invalid value: "": must specify one of: \`fieldRef\`, \`resourceFieldRef\`, \`configMapKeyRef\` or \`secretKeyRef\`` },
  { name: 'env value and valueFrom are exclusive', resource: 'pods', obj: podWith({ env: [{ name: 'A', value: 'x', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } }] }), message: `${P}spec.containers[0].env[0].valueFrom: Invalid value: "": may not be specified when \`value\` is not empty` },
  { name: 'configMapKeyRef needs a key', resource: 'pods', obj: podWith({ env: [{ name: 'A', valueFrom: { configMapKeyRef: { name: 'cfg' } } }] }), message: `${P}spec.containers[0].env[0].valueFrom.configMapKeyRef.key: Required value` },
  { name: 'volume mounts reference a volume', resource: 'pods', obj: podWith({ volumeMounts: [{ name: 'data', mountPath: '/data' }] }), message: `${P}spec.containers[0].volumeMounts[0].name: Not found: "data"` },
  { name: 'mountPath is required', resource: 'pods', obj: pod('p', { volumes: [{ name: 'data' }], containers: [container({ volumeMounts: [{ name: 'data' }] })] }), message: `${P}spec.containers[0].volumeMounts[0].mountPath: Required value` },
  { name: 'mount paths are unique', resource: 'pods', obj: pod('p', { volumes: [{ name: 'a' }, { name: 'b' }], containers: [container({ volumeMounts: [{ name: 'a', mountPath: '/d' }, { name: 'b', mountPath: '/d' }] })] }), message: `${P}spec.containers[0].volumeMounts[1].mountPath: Invalid value: "/d": must be unique` },
  { name: 'volume names are unique', resource: 'pods', obj: pod('p', { volumes: [{ name: 'a' }, { name: 'a' }] }), message: `${P}spec.volumes[1].name: Duplicate value: "a"` },
  { name: 'one volume source per volume', resource: 'pods', obj: pod('p', { volumes: [{ name: 'a', emptyDir: {}, hostPath: { path: '/x' } }] }), message: `${P}spec.volumes[0].hostPath: Forbidden: may not specify more than 1 volume type` },
  { name: 'configMap volumes need a name', resource: 'pods', obj: pod('p', { volumes: [{ name: 'a', configMap: {} }] }), message: `${P}spec.volumes[0].configMap.name: Required value` },
  { name: 'secret volumes need secretName', resource: 'pods', obj: pod('p', { volumes: [{ name: 'a', secret: {} }] }), message: `${P}spec.volumes[0].secret.secretName: Required value` },
  { name: 'PVC volumes need claimName', resource: 'pods', obj: pod('p', { volumes: [{ name: 'a', persistentVolumeClaim: {} }] }), message: `${P}spec.volumes[0].persistentVolumeClaim.claimName: Required value` },
  { name: 'requests may not exceed limits', resource: 'pods', obj: podWith({ resources: { limits: { cpu: '1' }, requests: { cpu: '2' } } }), message: `${P}spec.containers[0].resources.requests: Invalid value: "2": must be less than or equal to cpu limit of 1` },
  { name: 'memory requests may not exceed limits', resource: 'pods', obj: podWith({ resources: { limits: { memory: '128Mi' }, requests: { memory: '256Mi' } } }), message: `${P}spec.containers[0].resources.requests: Invalid value: "256Mi": must be less than or equal to memory limit of 128Mi` },
  { name: 'resource names are standard', resource: 'pods', obj: podWith({ resources: { limits: { cpus: '1' } } }), message: `${P}[spec.containers[0].resources.limits[cpus]: Invalid value: "cpus": must be a standard resource for containers, spec.containers[0].resources.requests[cpus]: Invalid value: "cpus": must be a standard resource for containers]` },
  { name: 'quantities are non-negative', resource: 'pods', obj: podWith({ resources: { requests: { cpu: '-1' } } }), message: `${P}spec.containers[0].resources.requests[cpu]: Invalid value: "-1": must be greater than or equal to 0` },
  { name: 'probes need a handler', resource: 'pods', obj: podWith({ livenessProbe: { periodSeconds: 5 } }), message: `${P}spec.containers[0].livenessProbe: Required value: must specify a handler type` },
  { name: 'probes take one handler', resource: 'pods', obj: podWith({ readinessProbe: { exec: { command: ['true'] }, tcpSocket: { port: 80 } } }), message: `${P}spec.containers[0].readinessProbe.tcpSocket: Forbidden: may not specify more than 1 handler type` },
  { name: 'liveness successThreshold must be 1', resource: 'pods', obj: podWith({ livenessProbe: { tcpSocket: { port: 80 }, successThreshold: 2 } }), message: `${P}spec.containers[0].livenessProbe.successThreshold: Invalid value: 2: must be 1` },
  { name: 'probe timings are non-negative', resource: 'pods', obj: podWith({ readinessProbe: { tcpSocket: { port: 80 }, initialDelaySeconds: -5 } }), message: `${P}spec.containers[0].readinessProbe.initialDelaySeconds: Invalid value: -5: must be greater than or equal to 0` },
  { name: 'httpGet probe port range', resource: 'pods', obj: podWith({ readinessProbe: { httpGet: { port: 0 } } }), message: `${P}spec.containers[0].readinessProbe.httpGet.port: Invalid value: 0: must be between 1 and 65535, inclusive` },
  { name: 'httpGet scheme values', resource: 'pods', obj: podWith({ readinessProbe: { httpGet: { port: 80, scheme: 'FTP' } } }), message: `${P}spec.containers[0].readinessProbe.httpGet.scheme: Unsupported value: "FTP": supported values: "HTTP", "HTTPS"` },
  { name: 'exec probes need a command', resource: 'pods', obj: podWith({ livenessProbe: { exec: {} } }), message: `${P}spec.containers[0].livenessProbe.exec.command: Required value` },
  { name: 'init containers may not have probes', resource: 'pods', obj: pod('p', { initContainers: [container({ name: 'init', readinessProbe: { tcpSocket: { port: 80 } } })] }), message: `${P}spec.initContainers[0].readinessProbe: Forbidden: may not be set for init containers without restartPolicy=Always` },
  { name: 'terminationMessagePolicy values', resource: 'pods', obj: podWith({ terminationMessagePolicy: 'Logs' }), message: `${P}spec.containers[0].terminationMessagePolicy: Unsupported value: "Logs": supported values: "File", "FallbackToLogsOnError"` },
  { name: 'toleration operator Exists takes no value', resource: 'pods', obj: pod('p', { tolerations: [{ key: 'k', operator: 'Exists', value: 'v' }] }), message: `${P}spec.tolerations[0].operator: Invalid value: "v": value must be empty when \`operator\` is 'Exists'` },
  { name: 'toleration effects', resource: 'pods', obj: pod('p', { tolerations: [{ key: 'k', operator: 'Exists', effect: 'NoRun' }] }), message: `${P}spec.tolerations[0].effect: Unsupported value: "NoRun": supported values: "NoSchedule", "PreferNoSchedule", "NoExecute"` },
  { name: 'tolerationSeconds needs NoExecute', resource: 'pods', obj: pod('p', { tolerations: [{ key: 'k', operator: 'Exists', effect: 'NoSchedule', tolerationSeconds: 10 }] }), message: `${P}spec.tolerations[0].effect: Invalid value: "NoSchedule": effect must be 'NoExecute' when \`tolerationSeconds\` is set` },
  { name: 'nodeSelector labels are checked', resource: 'pods', obj: pod('p', { nodeSelector: { disk: 'fast ssd' } }), message: `${P}spec.nodeSelector: Invalid value: "fast ssd": ${LABEL_VALUE_MSG}` },
  { name: 'activeDeadlineSeconds is positive', resource: 'pods', obj: pod('p', { activeDeadlineSeconds: 0 }), message: `${P}spec.activeDeadlineSeconds: Invalid value: 0: must be between 1 and 2147483647, inclusive` },

  // Deployment / ReplicaSet
  { name: 'replicas are non-negative', resource: 'deployments.apps', obj: deployment('web', { replicas: -1 }), message: 'Deployment.apps "web" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0' },
  { name: 'selector is required', resource: 'deployments.apps', obj: deployment('web', { selector: undefined }), message: 'Deployment.apps "web" is invalid: [spec.selector: Required value, spec.template.metadata.labels: Invalid value: map[string]string{"app":"web"}: `selector` does not match template `labels`]' },
  { name: 'selector must match template labels', resource: 'deployments.apps', obj: deployment('web', { selector: { matchLabels: { app: 'other' } } }), message: 'Deployment.apps "web" is invalid: spec.template.metadata.labels: Invalid value: map[string]string{"app":"web"}: `selector` does not match template `labels`' },
  { name: 'empty selector is invalid', resource: 'deployments.apps', obj: deployment('web', { selector: {} }), message: 'Deployment.apps "web" is invalid: spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string(nil), MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: empty selector is invalid for deployment' },
  { name: 'selector operators', resource: 'deployments.apps', obj: deployment('web', { selector: { matchLabels: { app: 'web' }, matchExpressions: [{ key: 'tier', operator: 'Is', values: ['a'] }] } }), message: 'Deployment.apps "web" is invalid: [spec.selector.matchExpressions[0].operator: Invalid value: "Is": not a valid selector operator, spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{"app":"web"}, MatchExpressions:[]v1.LabelSelectorRequirement{v1.LabelSelectorRequirement{Key:"tier", Operator:"Is", Values:[]string{"a"}}}}: invalid label selector]' },
  { name: 'In needs values', resource: 'deployments.apps', obj: deployment('web', { selector: { matchLabels: { app: 'web' }, matchExpressions: [{ key: 'tier', operator: 'In' }] } }), message: "Deployment.apps \"web\" is invalid: [spec.selector.matchExpressions[0].values: Required value: must be specified when `operator` is 'In' or 'NotIn', spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{\"app\":\"web\"}, MatchExpressions:[]v1.LabelSelectorRequirement{v1.LabelSelectorRequirement{Key:\"tier\", Operator:\"In\", Values:[]string(nil)}}}: invalid label selector]" },
  { name: 'Deployment template restartPolicy is Always', resource: 'deployments.apps', obj: deployment('web', {}, { restartPolicy: 'Never' }), message: 'Deployment.apps "web" is invalid: spec.template.spec.restartPolicy: Unsupported value: "Never": supported values: "Always"' },
  { name: 'template labels are validated at spec.template.labels', resource: 'deployments.apps', obj: deployment('web', { selector: { matchLabels: { app: 'web app' } }, template: { metadata: { labels: { app: 'web app' } }, spec: { containers: [container()] } } }), message: `Deployment.apps "web" is invalid: [spec.selector.matchLabels: Invalid value: "web app": ${LABEL_VALUE_MSG}, spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{"app":"web app"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: invalid label selector]` },
  { name: 'maxSurge and maxUnavailable cannot both be 0', resource: 'deployments.apps', obj: deployment('web', { strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 0, maxUnavailable: 0 } } }), message: 'Deployment.apps "web" is invalid: spec.strategy.rollingUpdate.maxUnavailable: Invalid value: intstr.IntOrString{Type:0, IntVal:0, StrVal:""}: may not be 0 when `maxSurge` is 0' },
  { name: 'maxUnavailable is at most 100%', resource: 'deployments.apps', obj: deployment('web', { strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '150%' } } }), message: 'Deployment.apps "web" is invalid: spec.strategy.rollingUpdate.maxUnavailable: Invalid value: intstr.IntOrString{Type:1, IntVal:0, StrVal:"150%"}: must not be greater than 100%' },
  { name: 'maxSurge is an integer or percentage', resource: 'deployments.apps', obj: deployment('web', { strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 'lots' } } }), message: "Deployment.apps \"web\" is invalid: spec.strategy.rollingUpdate.maxSurge: Invalid value: intstr.IntOrString{Type:1, IntVal:0, StrVal:\"lots\"}: must be an integer or percentage (e.g '5%')" },
  { name: 'Recreate takes no rollingUpdate', resource: 'deployments.apps', obj: deployment('web', { strategy: { type: 'Recreate', rollingUpdate: { maxSurge: 1 } } }), message: "Deployment.apps \"web\" is invalid: spec.strategy.rollingUpdate: Forbidden: may not be specified when strategy `type` is 'Recreate'" },
  { name: 'strategy types', resource: 'deployments.apps', obj: deployment('web', { strategy: { type: 'BlueGreen' } }), message: 'Deployment.apps "web" is invalid: spec.strategy.type: Unsupported value: "BlueGreen": supported values: "Recreate", "RollingUpdate"' },
  { name: 'progressDeadlineSeconds exceeds minReadySeconds', resource: 'deployments.apps', obj: deployment('web', { minReadySeconds: 600, progressDeadlineSeconds: 600 }), message: 'Deployment.apps "web" is invalid: spec.progressDeadlineSeconds: Invalid value: 600: must be greater than minReadySeconds' },
  { name: 'revisionHistoryLimit is non-negative', resource: 'deployments.apps', obj: deployment('web', { revisionHistoryLimit: -1 }), message: 'Deployment.apps "web" is invalid: spec.revisionHistoryLimit: Invalid value: -1: must be greater than or equal to 0' },
  {
    name: 'Deployment selector is immutable',
    resource: 'deployments.apps',
    run: (e) => {
      e.api.create('deployments.apps', 'default', deployment('web'));
      const d = structuredClone(e.api.get('deployments.apps', 'default', 'web')) as any;
      d.spec.selector.matchLabels = { app: 'web2' };
      d.spec.template.metadata.labels = { app: 'web2' };
      return e.api.update('deployments.apps', d);
    },
    message: 'Deployment.apps "web" is invalid: spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{"app":"web2"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: field is immutable',
  },
  {
    name: 'ReplicaSet selector must match',
    resource: 'replicasets.apps',
    obj: { apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name: 'rs' }, spec: { selector: { matchLabels: { app: 'a' } }, template: { metadata: { labels: { app: 'b' } }, spec: { containers: [container()] } } } },
    message: 'ReplicaSet.apps "rs" is invalid: spec.template.metadata.labels: Invalid value: map[string]string{"app":"b"}: `selector` does not match template `labels`',
  },

  // Service
  { name: 'service ports are required', resource: 'services', obj: service('web', { ports: [] }), message: 'Service "web" is invalid: spec.ports: Required value' },
  { name: 'service port range', resource: 'services', obj: service('web', { ports: [{ port: 0 }] }), message: 'Service "web" is invalid: [spec.ports[0].port: Invalid value: 0: must be between 1 and 65535, inclusive, spec.ports[0].targetPort: Invalid value: 0: must be between 1 and 65535, inclusive]' },
  { name: 'multi-port services name their ports', resource: 'services', obj: service('web', { ports: [{ port: 80 }, { port: 443 }] }), message: 'Service "web" is invalid: [spec.ports[0].name: Required value, spec.ports[1].name: Required value]' },
  { name: 'service types', resource: 'services', obj: service('web', { type: 'Public' }), message: 'Service "web" is invalid: spec.type: Unsupported value: "Public": supported values: "ClusterIP", "ExternalName", "LoadBalancer", "NodePort"' },
  { name: 'ClusterIP services take no nodePort', resource: 'services', obj: service('web', { ports: [{ port: 80, nodePort: 30080 }] }), message: "Service \"web\" is invalid: spec.ports[0].nodePort: Forbidden: may not be used when `type` is 'ClusterIP'" },
  { name: 'nodePort range', resource: 'services', obj: service('web', { type: 'NodePort', ports: [{ port: 80, nodePort: 80 }] }), message: 'Service "web" is invalid: spec.ports[0].nodePort: Invalid value: 80: provided port is not in the valid range. The range of valid ports is 30000-32767' },
  {
    name: 'nodePort already allocated',
    resource: 'services',
    run: (e) => {
      e.api.create('services', 'default', service('a', { type: 'NodePort', ports: [{ port: 80, nodePort: 30080 }] }));
      return e.api.create('services', 'default', service('b', { type: 'NodePort', ports: [{ port: 80, nodePort: 30080 }] }));
    },
    message: 'Service "b" is invalid: spec.ports[0].nodePort: Invalid value: 30080: provided port is already allocated',
  },
  {
    name: 'clusterIP already allocated',
    resource: 'services',
    run: (e) => {
      e.api.create('services', 'default', service('a', { clusterIP: '10.96.100.100' }));
      return e.api.create('services', 'default', service('b', { clusterIP: '10.96.100.100' }));
    },
    message: 'Service "b" is invalid: spec.clusterIPs: Invalid value: []string{"10.96.100.100"}: failed to allocate IP 10.96.100.100: provided IP is already allocated',
  },
  { name: 'sessionAffinity values', resource: 'services', obj: service('web', { sessionAffinity: 'Sticky' }), message: 'Service "web" is invalid: spec.sessionAffinity: Unsupported value: "Sticky": supported values: "ClientIP", "None"' },
  { name: 'ExternalName services need externalName', resource: 'services', obj: service('web', { type: 'ExternalName', ports: [] }), message: 'Service "web" is invalid: spec.externalName: Required value' },
  { name: 'service port protocols', resource: 'services', obj: service('web', { ports: [{ port: 80, protocol: 'ICMP' }] }), message: 'Service "web" is invalid: spec.ports[0].protocol: Unsupported value: "ICMP": supported values: "SCTP", "TCP", "UDP"' },
  { name: 'targetPort names are IANA names', resource: 'services', obj: service('web', { ports: [{ port: 80, targetPort: 'http--web' }] }), message: 'Service "web" is invalid: spec.ports[0].targetPort: Invalid value: "http--web": must not contain consecutive hyphens' },
  {
    name: 'clusterIP is immutable',
    resource: 'services',
    run: (e) => {
      e.api.create('services', 'default', service('web', { clusterIP: '10.96.5.5' }));
      const s = structuredClone(e.api.get('services', 'default', 'web')) as any;
      s.spec.clusterIP = '10.96.5.6';
      s.spec.clusterIPs = ['10.96.5.6'];
      return e.api.update('services', s);
    },
    message: 'Service "web" is invalid: [spec.clusterIPs[0]: Invalid value: []string{"10.96.5.6"}: may not change once set, spec.clusterIP: Invalid value: "10.96.5.6": field is immutable]',
  },

  // Job / CronJob
  { name: 'Job restartPolicy is required', resource: 'jobs.batch', obj: job('j', {}, { restartPolicy: undefined }), message: 'Job.batch "j" is invalid: spec.template.spec.restartPolicy: Required value: valid values: "OnFailure", "Never"' },
  { name: 'Job backoffLimit is non-negative', resource: 'jobs.batch', obj: job('j', { backoffLimit: -1 }), message: 'Job.batch "j" is invalid: spec.backoffLimit: Invalid value: -1: must be greater than or equal to 0' },
  { name: 'Job completionMode values', resource: 'jobs.batch', obj: job('j', { completionMode: 'Sometimes' }), message: 'Job.batch "j" is invalid: spec.completionMode: Unsupported value: "Sometimes": supported values: "NonIndexed", "Indexed"' },
  {
    name: 'Job template is immutable',
    resource: 'jobs.batch',
    run: (e) => {
      e.api.create('jobs.batch', 'default', job('j'));
      const j = structuredClone(e.api.get('jobs.batch', 'default', 'j')) as any;
      j.spec.template.spec.containers[0].image = 'busybox:1.36';
      return e.api.update('jobs.batch', j);
    },
    message: 'Job.batch "j" is invalid: spec.template: Invalid value: core.PodTemplateSpec{...}: field is immutable',
  },
  {
    name: 'CronJob schedule must parse',
    resource: 'cronjobs.batch',
    obj: { apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name: 'c' }, spec: { schedule: '* * *', jobTemplate: { spec: job('x').spec } } } as KubeObject,
    message: 'CronJob.batch "c" is invalid: spec.schedule: Invalid value: "* * *": expected exactly 5 fields, found 3: [* * *]',
  },
  {
    name: 'CronJob schedule ranges',
    resource: 'cronjobs.batch',
    obj: { apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name: 'c' }, spec: { schedule: '61 * * * *', jobTemplate: { spec: job('x').spec } } } as KubeObject,
    message: 'CronJob.batch "c" is invalid: spec.schedule: Invalid value: "61 * * * *": end of range (61) above maximum (59): 61',
  },
  {
    name: 'CronJob concurrencyPolicy values',
    resource: 'cronjobs.batch',
    obj: { apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name: 'c' }, spec: { schedule: '*/5 * * * *', concurrencyPolicy: 'Never', jobTemplate: { spec: job('x').spec } } } as KubeObject,
    message: 'CronJob.batch "c" is invalid: spec.concurrencyPolicy: Unsupported value: "Never": supported values: "Allow", "Forbid", "Replace"',
  },
  {
    name: 'CronJob names are at most 52 characters',
    resource: 'cronjobs.batch',
    obj: { apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name: 'c'.repeat(53) }, spec: { schedule: '@hourly', jobTemplate: { spec: job('x').spec } } } as KubeObject,
    message: `CronJob.batch "${'c'.repeat(53)}" is invalid: metadata.name: Invalid value: "${'c'.repeat(53)}": must be no more than 52 characters`,
  },

  // StatefulSet / DaemonSet / PVC / HPA / Secret
  {
    name: 'StatefulSet podManagementPolicy values',
    resource: 'statefulsets.apps',
    obj: { ...deployment('db', { podManagementPolicy: 'Random', serviceName: 'db' }), kind: 'StatefulSet' },
    message: 'StatefulSet.apps "db" is invalid: spec.podManagementPolicy: Unsupported value: "Random": supported values: "OrderedReady", "Parallel"',
  },
  {
    name: 'StatefulSet spec updates are limited',
    resource: 'statefulsets.apps',
    run: (e) => {
      e.api.create('statefulsets.apps', 'default', { ...deployment('db', { serviceName: 'db' }), kind: 'StatefulSet' });
      const s = structuredClone(e.api.get('statefulsets.apps', 'default', 'db')) as any;
      s.spec.serviceName = 'other';
      return e.api.update('statefulsets.apps', s);
    },
    message:
      "StatefulSet.apps \"db\" is invalid: spec: Forbidden: updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden",
  },
  {
    name: 'DaemonSet needs maxUnavailable or maxSurge',
    resource: 'daemonsets.apps',
    obj: { ...deployment('agent', { updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 0, maxSurge: 0 } } }), kind: 'DaemonSet' },
    message: 'DaemonSet.apps "agent" is invalid: spec.updateStrategy.rollingUpdate.maxUnavailable: Required value: cannot be 0 when maxSurge is 0',
  },
  {
    name: 'PVC access modes are required',
    resource: 'persistentvolumeclaims',
    obj: { apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'data' }, spec: { resources: { requests: { storage: '1Gi' } } } },
    message: 'PersistentVolumeClaim "data" is invalid: spec.accessModes: Required value: at least 1 access mode is required',
  },
  {
    name: 'PVC storage request is required',
    resource: 'persistentvolumeclaims',
    obj: { apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'data' }, spec: { accessModes: ['ReadWriteOnce'] } },
    message: 'PersistentVolumeClaim "data" is invalid: spec.resources[storage]: Required value',
  },
  {
    name: 'HPA maxReplicas is at least minReplicas',
    resource: 'horizontalpodautoscalers.autoscaling',
    obj: { apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', metadata: { name: 'web' }, spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' }, minReplicas: 5, maxReplicas: 2 } },
    message: 'HorizontalPodAutoscaler.autoscaling "web" is invalid: spec.maxReplicas: Invalid value: 2: must be greater than or equal to `minReplicas`',
  },
  {
    name: 'configmap keys are config keys',
    resource: 'configmaps',
    obj: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, data: { 'a/b': 'x' } },
    message: "ConfigMap \"c\" is invalid: data[a/b]: Invalid value: \"a/b\": a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')",
  },
  {
    name: 'TLS secrets need tls.crt and tls.key',
    resource: 'secrets',
    obj: { apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' }, type: 'kubernetes.io/tls', data: { 'tls.crt': 'eA==' } },
    message: 'Secret "s" is invalid: data[tls.key]: Required value',
  },
];

describe('API validation rules (exact messages)', () => {
  for (const r of RULES) {
    it(r.name, () => {
      const e = boot();
      const err = fails(() => (r.run ? r.run(e) : e.api.create(r.resource, 'default', r.obj!)));
      expect(err.message).to.equal(r.message);
    });
  }

  it('counts at least 50 rules', () => {
    expect(RULES.length).to.be.greaterThanOrEqual(50);
  });

  it('leaves the store unchanged when an object is rejected', () => {
    const e = boot();
    const before = e.store.resourceVersion();
    fails(() => e.api.create('deployments.apps', 'default', deployment('web', { replicas: -1 })));
    expect(e.store.resourceVersion()).to.equal(before);
    expect(e.api.tryGet('deployments.apps', 'default', 'web')).to.equal(undefined);
  });
});
