// The file a new workspace starts with: the Deployment `kubectl create deployment web
// --image=nginx --replicas=3` would make, trimmed to what a person writes.
export const SAMPLE_FILE = 'web.yaml';
export const SAMPLE_YAML = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  labels:
    app: web
spec:
  replicas: 3
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
      - name: nginx
        image: nginx:1.27
        ports:
        - containerPort: 80
        resources:
          requests:
            cpu: 100m
            memory: 64Mi
`;

export const NEW_FILE_YAML = `apiVersion: v1
kind: Pod
metadata:
  name: my-pod
spec:
  containers:
  - name: app
    image: busybox
    command: ["sh", "-c", "echo hello; sleep 3600"]
`;
