// The kubeconfig the bridge hands out (npm run serve-api, the dev server's kubectl relay):
// context kind-sandbox, plain HTTP, no credentials.
export function kubeconfigText(url: string): string {
  return `apiVersion: v1
kind: Config
clusters:
- cluster:
    server: ${url}
  name: kind-sandbox
contexts:
- context:
    cluster: kind-sandbox
    user: kind-sandbox
  name: kind-sandbox
current-context: kind-sandbox
preferences: {}
users:
- name: kind-sandbox
  user: {}
`;
}
