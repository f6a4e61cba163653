/** A small seeded PRNG (mulberry32) with the helpers the demo generator needs. */
export class Rng {
  private state: number

  constructor(seed: number) {
    this.state = (seed >>> 0) || 0x9E3779B9
  }

  /** Uniform in [0, 1). */
  next(): number {
    let t = (this.state = (this.state + 0x6D2B79F5) >>> 0)
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }

  /** Integer in [min, max], both inclusive. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1))
  }

  float(min: number, max: number): number {
    return min + this.next() * (max - min)
  }

  chance(p: number): boolean {
    return this.next() < p
  }

  pick<T>(items: readonly T[]): T {
    if (!items.length) throw new Error('Rng.pick: empty list')
    return items[Math.floor(this.next() * items.length)]!
  }

  /** Exponentially distributed value with the given mean. */
  exp(mean: number): number {
    return -Math.log(1 - this.next()) * mean
  }

  /** Rough normal (sum of three uniforms), clamped to [min, max]. */
  around(mean: number, spread: number, min = -Infinity, max = Infinity): number {
    const z = (this.next() + this.next() + this.next() - 1.5) * 2
    return Math.min(max, Math.max(min, mean + z * spread))
  }

  /** A digit string of the given length. */
  digits(length: number): string {
    let out = ''
    for (let i = 0; i < length; i++) out += Math.floor(this.next() * 10)
    return out
  }
}

/** Weighted choice over a fixed list; built once, picked from many times (binary search over the cumulative weights). */
export class Weighted<T> {
  private readonly cumulative: number[] = []
  private readonly total: number

  constructor(readonly items: readonly T[], weights: readonly number[]) {
    let sum = 0
    for (let i = 0; i < items.length; i++) {
      sum += Math.max(0, weights[i] ?? 0)
      this.cumulative.push(sum)
    }
    this.total = sum
  }

  get empty(): boolean {
    return this.total <= 0
  }

  pick(rng: Rng): T {
    if (this.total <= 0) throw new Error('Weighted.pick: no positive weight')
    const x = rng.next() * this.total
    let lo = 0
    let hi = this.cumulative.length - 1
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      if (this.cumulative[mid]! > x) hi = mid
      else lo = mid + 1
    }
    return this.items[lo]!
  }

  static of<T>(pairs: readonly (readonly [T, number])[]): Weighted<T> {
    return new Weighted(pairs.map(p => p[0]), pairs.map(p => p[1]))
  }
}
