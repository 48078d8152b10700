// Memory of a long build: collected once a batch, where the process lets the build ask for it.

/**
 * A full collection, where the process was started with --expose-gc (the compiled CLI a large batch is
 * handed to): V8 sizes an isolate's heap to the machine and lets garbage, and the rendered files' buffers
 * the threads moved here, pile up far past what is live; once a batch it costs little and keeps memory flat.
 */
export function collectGarbage(): void {
  (globalThis as { gc?: () => void }).gc?.();
}
