// Loaded before every node test (node-tests.mjs --import): engine code compiled for speed
// checks itself against its reference on every call (see engine/kubelet/pod-transition.ts).
globalThis.kubeplayCrossCheckMachines = true;
