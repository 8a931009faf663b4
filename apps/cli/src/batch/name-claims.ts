/**
 * Which input owns each `--output-dir` file name: the first in input order. Names are kept as a
 * 64-bit hash (two 32-bit FNV-1a variants) in an open-addressing table, 16 bytes a slot at half
 * load, so a million names take 32 MB where a `Map` of strings would take ~100.
 */
export class NameClaims {
  private hashes = new Uint32Array(2 * 1024);
  private owners = new Float64Array(1024).fill(-1);
  private count = 0;

  /** Claims `name` for input `index`; returns the input that owns it (`index` itself if it was free). */
  claim(name: string, index: number): number {
    if (2 * (this.count + 1) > this.owners.length) this.grow();
    const [a, b] = hashPair(name);
    const slot = this.find(a, b);
    const owner = this.owners[slot] as number;
    if (owner >= 0) return owner;
    this.hashes[2 * slot] = a;
    this.hashes[2 * slot + 1] = b;
    this.owners[slot] = index;
    this.count++;
    return index;
  }

  /** The slot of (a, b), or the empty slot where it goes. */
  private find(a: number, b: number): number {
    const mask = this.owners.length - 1;
    for (let slot = (a ^ (b >>> 7)) & mask; ; slot = (slot + 1) & mask) {
      if ((this.owners[slot] as number) < 0 || (this.hashes[2 * slot] === a && this.hashes[2 * slot + 1] === b)) return slot;
    }
  }

  private grow(): void {
    const { hashes, owners } = this;
    this.hashes = new Uint32Array(hashes.length * 2);
    this.owners = new Float64Array(owners.length * 2).fill(-1);
    for (let slot = 0; slot < owners.length; slot++) {
      const owner = owners[slot] as number;
      if (owner < 0) continue;
      const a = hashes[2 * slot] as number;
      const b = hashes[2 * slot + 1] as number;
      const to = this.find(a, b);
      this.hashes[2 * to] = a;
      this.hashes[2 * to + 1] = b;
      this.owners[to] = owner;
    }
  }
}

/** Two independent 32-bit FNV-1a hashes of the string's UTF-16 units (different offset bases). */
function hashPair(text: string): [number, number] {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ 0x5bd1e995;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    a = Math.imul(a ^ unit, 0x01000193) >>> 0;
    b = Math.imul(b ^ (unit + 0x9e37), 0x01000193) >>> 0;
    b ^= b >>> 13;
  }
  return [a, b >>> 0];
}
