import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  logGamma,
  logNegBinomialPmf,
  logNegBinomialUpperTail,
  logPoissonUpperTail,
  logRegularizedBeta,
  poissonUpperTail,
} from '../../../analytics/hotspots/tail-probability.ts';

function logSumExp(terms: number[]): number {
  const max = terms.reduce((a, b) => Math.max(a, b), -Infinity);
  return max + Math.log(terms.reduce((s, t) => s + Math.exp(t - max), 0));
}

/** ln P(X ≥ k) by summing the Poisson pmf in log space, far into the tail. */
function bruteLogPoisson(k: number, mu: number): number {
  const terms: number[] = [];
  for (let i = k; i < k + 20 * Math.sqrt(mu + k) + 200; i++)
    terms.push(i * Math.log(mu) - mu - logGamma(i + 1));
  return logSumExp(terms);
}

function bruteLogNegBinomial(k: number, mu: number, size: number): number {
  const p = mu / (mu + size);
  const terms: number[] = [];
  for (let i = k; i < k + 5000; i++) {
    terms.push(
      logGamma(i + size) - logGamma(size) - logGamma(i + 1) + size * Math.log1p(-p) + i * Math.log(p),
    );
  }
  return logSumExp(terms);
}

describe('logGamma', () => {
  it('matches factorials and Γ(1/2)', () => {
    expect(logGamma(1)).toBeCloseTo(0, 12);
    expect(logGamma(5)).toBeCloseTo(Math.log(24), 12);
    expect(logGamma(171)).toBeCloseTo(706.5730622457874, 9);
    expect(logGamma(0.5)).toBeCloseTo(0.5 * Math.log(Math.PI), 12);
  });

  it('rejects non-positive arguments', () => {
    expect(() => logGamma(0)).toThrow(/invalid logGamma argument: 0/);
  });
});

describe('logPoissonUpperTail', () => {
  it.each([
    [3, 0.05],
    [1, 2],
    [10, 2],
    [2, 3],
    [950, 1000],
    [1100, 1000],
    [5000, 1000],
    [100_000, 90_000],
  ])('P(X ≥ %d | μ = %d) agrees with a direct sum', (k, mu) => {
    const exact = bruteLogPoisson(k, mu);
    expect(logPoissonUpperTail(k, mu)).toBeCloseTo(exact, Math.abs(exact) > 100 ? 7 : 10);
  });

  it('stays finite where the probability underflows a double', () => {
    const logP = logPoissonUpperTail(5000, 1000);
    expect(logP).toBeLessThan(-4000);
    expect(Number.isFinite(logP)).toBe(true);
    expect(poissonUpperTail(5000, 1000)).toBe(0);
  });

  it('handles the edges: k ≤ 0 is certain, μ = 0 makes any k > 0 impossible', () => {
    expect(logPoissonUpperTail(0, 3)).toBe(0);
    expect(logPoissonUpperTail(1, 0)).toBe(-Infinity);
    expect(poissonUpperTail(1, 2)).toBeCloseTo(1 - Math.exp(-2), 14);
    expect(() => logPoissonUpperTail(2, -1)).toThrow(/invalid Poisson mean: -1/);
  });

  it('decreases in k and increases in μ', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 400 }),
        fc.double({ min: 0.01, max: 300, noNaN: true }),
        (k, mu) => {
          expect(logPoissonUpperTail(k + 1, mu)).toBeLessThanOrEqual(logPoissonUpperTail(k, mu) + 1e-12);
          expect(logPoissonUpperTail(k, mu * 1.1)).toBeGreaterThanOrEqual(logPoissonUpperTail(k, mu) - 1e-12);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('logNegBinomialUpperTail', () => {
  it.each([
    [3, 0.05, 1],
    [10, 2, 0.5],
    [40, 10, 2],
    [5, 10, 3],
    [1100, 1000, 50],
  ])('P(X ≥ %d | μ = %d, size %d) agrees with a direct sum', (k, mu, size) => {
    expect(logNegBinomialUpperTail(k, mu, size)).toBeCloseTo(bruteLogNegBinomial(k, mu, size), 8);
  });

  it('gives P(X = k), a lower bound of P(X ≥ k), with the same parameters', () => {
    expect(logNegBinomialPmf(0, 2, Infinity)).toBeCloseTo(-2, 12);
    expect(logNegBinomialPmf(3, 0.05, Infinity)).toBeCloseTo(3 * Math.log(0.05) - 0.05 - Math.log(6), 12);
    // NB(size 1) is geometric: P(X = k) = (1 − p) p^k with p = μ / (μ + 1).
    expect(logNegBinomialPmf(4, 3, 1)).toBeCloseTo(Math.log(0.25 * 0.75 ** 4), 12);
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 300 }),
        fc.double({ min: 1e-6, max: 500, noNaN: true }),
        fc.oneof(fc.double({ min: 0.05, max: 1e4, noNaN: true }), fc.constant(Infinity)),
        (k, mu, size) => {
          const tail = logNegBinomialUpperTail(k, mu, size);
          expect(logNegBinomialPmf(k, mu, size)).toBeLessThanOrEqual(tail + 1e-9 * Math.max(1, -tail));
        },
      ),
    );
  });

  it('is heavier-tailed than the Poisson and tends to it as the size grows', () => {
    expect(logNegBinomialUpperTail(20, 5, 2)).toBeGreaterThan(logPoissonUpperTail(20, 5));
    expect(logNegBinomialUpperTail(20, 5, 1e7)).toBeCloseTo(logPoissonUpperTail(20, 5), 4);
    expect(logNegBinomialUpperTail(20, 5, Infinity)).toBe(logPoissonUpperTail(20, 5));
  });

  it('regularised incomplete beta meets its symmetry I_x(a,b) = 1 − I_{1−x}(b,a)', () => {
    for (const [x, a, b] of [
      [0.3, 2, 5],
      [0.9, 40, 3],
      [0.01, 0.5, 7],
    ] as const) {
      expect(Math.exp(logRegularizedBeta(x, a, b)) + Math.exp(logRegularizedBeta(1 - x, b, a))).toBeCloseTo(
        1,
        12,
      );
    }
  });
});
