/**
 * Exponentially weighted moving average whose weight is given per sample
 * (bytes or seconds), with zero-bias correction so early estimates are not
 * dragged towards 0. Pure: no clock, no DOM.
 */
export class Ewma {
  private readonly alpha: number;
  private estimate = 0;
  private totalWeight = 0;

  /** `halfLife` in the same unit as the weights passed to `add`. */
  constructor(halfLife: number) {
    if (!(halfLife > 0)) throw new RangeError(`halfLife must be > 0, got ${halfLife}`);
    this.alpha = Math.exp(Math.log(0.5) / halfLife);
  }

  add(weight: number, value: number): void {
    const adjAlpha = Math.pow(this.alpha, weight);
    this.estimate = value * (1 - adjAlpha) + adjAlpha * this.estimate;
    this.totalWeight += weight;
  }

  get weight(): number {
    return this.totalWeight;
  }

  value(): number {
    const zeroFactor = 1 - Math.pow(this.alpha, this.totalWeight);
    return zeroFactor > 0 ? this.estimate / zeroFactor : 0;
  }
}
