// import.meta.glob is a Vite feature; worker.ts (bundled by Vite) is the only engine file using it.
interface ImportMeta {
  glob(pattern: string, options: { query?: string; import?: string; eager: true }): Record<string, unknown>;
}
