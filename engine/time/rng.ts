// Seeded pseudo-random numbers (mulberry32). The state is one 32-bit integer, kept in the
// store's meta record, so a restored cluster continues the same sequence.

export class Rng {
  constructor(private state: number) {
    this.state = state >>> 0;
  }

  /** The next float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** `n` characters from `alphabet`. */
  string(n: number, alphabet: string): string {
    let out = '';
    for (let i = 0; i < n; i++) out += alphabet[this.int(alphabet.length)];
    return out;
  }

  getState(): number {
    return this.state;
  }

  setState(state: number): void {
    this.state = state >>> 0;
  }
}

/**
 * The alphabet of k8s.io/apimachinery/pkg/util/rand.String (no vowels, no ambiguous 0/1/3),
 * used for generateName suffixes and pod names.
 */
export const K8S_ALPHANUMS = 'bcdfghjklmnpqrstvwxz2456789';
