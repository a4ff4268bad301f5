/** Upper-tail probabilities of the Poisson and negative-binomial distributions, computed in log space. */

const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
  12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];
const LOG_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);
const EPSILON = 1e-15;
const TINY = 1e-300;
const MAX_ITERATIONS = 10_000;

/** ln Γ(x) for x > 0 (Lanczos, g = 7): `logGamma(5)` → ln 24. */
export function logGamma(x: number): number {
  if (!(x > 0)) throw new RangeError(`invalid logGamma argument: ${x}`);
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  const z = x - 1;
  let sum = LANCZOS[0]!;
  for (let i = 1; i < LANCZOS.length; i++) sum += LANCZOS[i]! / (z + i);
  const t = z + 7.5;
  return LOG_SQRT_2PI + (z + 0.5) * Math.log(t) - t + Math.log(sum);
}

/** ln P(a, x), the regularised lower incomplete gamma, by its series (converges fast for x < a + 1). */
function logGammaPSeries(a: number, x: number): number {
  let term = 1 / a;
  let sum = term;
  for (let n = 1; n < MAX_ITERATIONS; n++) {
    term *= x / (a + n);
    sum += term;
    if (term < sum * EPSILON) break;
  }
  return Math.log(sum) - x + a * Math.log(x) - logGamma(a);
}

/** ln Q(a, x), the regularised upper incomplete gamma, by its continued fraction (for x ≥ a + 1). */
function logGammaQFraction(a: number, x: number): number {
  let b = x + 1 - a;
  let c = 1 / TINY;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < MAX_ITERATIONS; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < TINY) d = TINY;
    c = b + an / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < EPSILON) break;
  }
  return Math.log(h) - x + a * Math.log(x) - logGamma(a);
}

/** ln P(a, x) = ln γ(a, x)/Γ(a), stable down to values far below the smallest double. */
export function logRegularizedGammaP(a: number, x: number): number {
  if (!(a > 0) || !(x >= 0)) throw new RangeError(`invalid incomplete gamma arguments: a=${a}, x=${x}`);
  if (x === 0) return -Infinity;
  if (x < a + 1) return logGammaPSeries(a, x);
  return Math.log1p(-Math.exp(logGammaQFraction(a, x)));
}

/**
 * ln P(X ≥ k) for X ~ Poisson(mu). Uses P(X ≥ k) = P(k, mu), the regularised lower incomplete gamma.
 * `logPoissonUpperTail(3, 0.05)` ≈ ln 2.0e-5.
 */
export function logPoissonUpperTail(k: number, mu: number): number {
  if (!(mu >= 0) || !Number.isFinite(mu)) throw new RangeError(`invalid Poisson mean: ${mu}`);
  if (k <= 0) return 0;
  if (mu === 0) return -Infinity;
  return Math.min(0, logRegularizedGammaP(Math.ceil(k), mu));
}

/** P(X ≥ k) for X ~ Poisson(mu); underflows to 0 only below ~1e-308 (use the log form there). */
export function poissonUpperTail(k: number, mu: number): number {
  return Math.exp(logPoissonUpperTail(k, mu));
}

function logBeta(a: number, b: number): number {
  return logGamma(a) + logGamma(b) - logGamma(a + b);
}

/** Continued fraction of the incomplete beta (modified Lentz), valid for x < (a + 1)/(a + b + 2). */
function betaFraction(a: number, b: number, x: number): number {
  const qab = a + b;
  const qap = a + 1;
  const qam = a - 1;
  let c = 1;
  let d = 1 - (qab * x) / qap;
  if (Math.abs(d) < TINY) d = TINY;
  d = 1 / d;
  let h = d;
  for (let m = 1; m < MAX_ITERATIONS; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((qam + m2) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + aa / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (qab + m) * x) / ((a + m2) * (qap + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + aa / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < EPSILON) break;
  }
  return h;
}

/** ln I_x(a, b), the regularised incomplete beta function. */
export function logRegularizedBeta(x: number, a: number, b: number): number {
  if (!(a > 0) || !(b > 0) || !(x >= 0 && x <= 1)) {
    throw new RangeError(`invalid incomplete beta arguments: x=${x}, a=${a}, b=${b}`);
  }
  if (x === 0) return -Infinity;
  if (x === 1) return 0;
  const logFront = a * Math.log(x) + b * Math.log1p(-x) - logBeta(a, b);
  if (x < (a + 1) / (a + b + 2)) return logFront + Math.log(betaFraction(a, b, x)) - Math.log(a);
  const complement = Math.exp(logFront + Math.log(betaFraction(b, a, 1 - x)) - Math.log(b));
  return Math.log1p(-Math.min(1, complement));
}

/**
 * ln P(X ≥ k) for a negative binomial with mean `mu` and size `size` (variance mu + mu²/size).
 * P(X ≥ k) = I_q(k, size) with q = mu/(mu + size); tends to the Poisson tail as size grows.
 */
export function logNegBinomialUpperTail(k: number, mu: number, size: number): number {
  if (!(mu >= 0) || !Number.isFinite(mu)) throw new RangeError(`invalid negative binomial mean: ${mu}`);
  if (!(size > 0)) throw new RangeError(`invalid negative binomial size: ${size}`);
  if (k <= 0) return 0;
  if (mu === 0) return -Infinity;
  if (!Number.isFinite(size) || size > 1e8) return logPoissonUpperTail(k, mu);
  return Math.min(0, logRegularizedBeta(mu / (mu + size), Math.ceil(k), size));
}

/**
 * ln P(X = k) for the negative binomial of `logNegBinomialUpperTail` (the Poisson where it uses the Poisson), a
 * cheap lower bound on ln P(X ≥ k): `logNegBinomialPmf(0, 2, Infinity)` → −2.
 */
export function logNegBinomialPmf(k: number, mu: number, size: number): number {
  if (!(mu >= 0) || !Number.isFinite(mu)) throw new RangeError(`invalid negative binomial mean: ${mu}`);
  if (!(size > 0)) throw new RangeError(`invalid negative binomial size: ${size}`);
  if (mu === 0) return k === 0 ? 0 : -Infinity;
  if (!Number.isFinite(size) || size > 1e8) return -mu + k * Math.log(mu) - logGamma(k + 1);
  return (
    logGamma(k + size) -
    logGamma(size) -
    logGamma(k + 1) +
    size * Math.log(size / (size + mu)) +
    k * Math.log(mu / (size + mu))
  );
}

/** P(X ≥ k) for the negative binomial of `logNegBinomialUpperTail`. */
export function negBinomialUpperTail(k: number, mu: number, size: number): number {
  return Math.exp(logNegBinomialUpperTail(k, mu, size));
}
