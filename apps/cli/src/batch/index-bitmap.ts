/**
 * A set of input indexes as one bit each: 10 million inputs take 1.25 MB, where a `Set` of
 * numbers would take hundreds. Grows by doubling as higher indexes are added.
 */
export class IndexBitmap {
  private bits = new Uint8Array(1024);
  private count = 0;

  get size(): number {
    return this.count;
  }

  add(index: number): void {
    const byte = index >>> 3;
    if (byte >= this.bits.length) {
      let length = this.bits.length;
      while (length <= byte) length *= 2;
      const grown = new Uint8Array(length);
      grown.set(this.bits);
      this.bits = grown;
    }
    const mask = 1 << (index & 7);
    if ((this.bits[byte] as number) & mask) return;
    this.bits[byte] = (this.bits[byte] as number) | mask;
    this.count++;
  }

  has(index: number): boolean {
    const byte = index >>> 3;
    return byte < this.bits.length && ((this.bits[byte] as number) & (1 << (index & 7))) !== 0;
  }
}
