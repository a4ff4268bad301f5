// Small gradient-boosted regression trees for logistic loss over a few dense numeric features (missing = NaN).
// Used beside the linear text model to learn non-linear effects of side fields (likes, shares, time).

/** One tree as parallel arrays; node 0 is the root, `feature[n] < 0` marks a leaf with value `value[n]`. */
export interface Tree {
  feature: number[];
  /** Goes left when `x ≤ threshold`. */
  threshold: number[];
  /** Where a missing (NaN) value goes. */
  missingLeft: boolean[];
  left: number[];
  right: number[];
  value: number[];
}

export interface BoostOptions {
  trees: number;
  depth: number;
  /** Shrinkage of each tree's leaf values. */
  rate: number;
  /** L2 penalty on leaf values (in units of the Hessian sum). */
  lambda: number;
  /** Least Hessian sum in a leaf. */
  minLeafHessian: number;
  /** Most candidate thresholds per feature (quantiles of the training values). */
  bins: number;
}

export const DEFAULT_BOOST: BoostOptions = {
  trees: 40,
  depth: 2,
  rate: 0.1,
  lambda: 5,
  minLeafHessian: 5,
  bins: 32,
};

/** Candidate thresholds of one feature: distinct quantiles of its non-missing values. */
function thresholds(values: number[], bins: number): number[] {
  const sorted = values.filter((v) => !Number.isNaN(v)).sort((a, b) => a - b);
  const out: number[] = [];
  for (let q = 1; q < bins; q++) {
    const v = sorted[Math.floor((q * sorted.length) / bins)];
    if (v !== undefined && v !== out[out.length - 1]) out.push(v);
  }
  // The last candidate would send every value left; a split there only separates missing values, kept as a choice.
  return out;
}

interface Split {
  gain: number;
  feature: number;
  threshold: number;
  missingLeft: boolean;
}

/**
 * Fits `opts.trees` trees by Newton boosting on logistic loss, starting from the margins `offset`.
 * `x[i][f]` is feature f of example i (NaN when missing); `y[i]` is 0 or 1; `weight[i]` scales example i.
 */
export function fitBoostedTrees(
  x: readonly Float64Array[],
  y: ArrayLike<number>,
  offset: ArrayLike<number>,
  options: Partial<BoostOptions> = {},
  weight?: ArrayLike<number>,
): Tree[] {
  const opts = { ...DEFAULT_BOOST, ...options };
  const n = x.length;
  const features = n > 0 ? x[0]!.length : 0;
  const cuts = Array.from({ length: features }, (_, f) =>
    thresholds(
      x.map((row) => row[f]!),
      opts.bins,
    ),
  );
  // Bin of each value: k means threshold[k-1] < v ≤ threshold[k]; cuts.length means above all; -1 missing.
  const binOf = x.map((row) =>
    Int16Array.from(cuts, (c, f) => {
      const v = row[f]!;
      if (Number.isNaN(v)) return -1;
      let lo = 0;
      let hi = c.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (v <= c[mid]!) hi = mid;
        else lo = mid + 1;
      }
      return lo;
    }),
  );
  const margin = Float64Array.from({ length: n }, (_, i) => offset[i]!);
  const g = new Float64Array(n);
  const h = new Float64Array(n);
  const trees: Tree[] = [];
  for (let t = 0; t < opts.trees; t++) {
    for (let i = 0; i < n; i++) {
      const p = 1 / (1 + Math.exp(-margin[i]!));
      const w = weight ? weight[i]! : 1;
      g[i] = w * (p - y[i]!);
      h[i] = w * Math.max(p * (1 - p), 1e-6);
    }
    const tree: Tree = { feature: [], threshold: [], missingLeft: [], left: [], right: [], value: [] };
    const all = Array.from({ length: n }, (_, i) => i);
    grow(tree, all, 0, opts, cuts, binOf, g, h);
    for (let i = 0; i < n; i++) margin[i]! += treeValue(tree, x[i]!);
    trees.push(tree);
  }
  return trees;
}

function grow(
  tree: Tree,
  rows: number[],
  depth: number,
  opts: BoostOptions,
  cuts: number[][],
  binOf: Int16Array[],
  g: Float64Array,
  h: Float64Array,
): number {
  const node = tree.feature.length;
  let G = 0;
  let H = 0;
  for (const i of rows) {
    G += g[i]!;
    H += h[i]!;
  }
  tree.feature.push(-1);
  tree.threshold.push(0);
  tree.missingLeft.push(false);
  tree.left.push(-1);
  tree.right.push(-1);
  tree.value.push((-opts.rate * G) / (H + opts.lambda));
  if (depth >= opts.depth || H < 2 * opts.minLeafHessian) return node;
  const split = bestSplit(rows, G, H, opts, cuts, binOf, g, h);
  if (!split) return node;
  const goesLeft = (i: number) => {
    const b = binOf[i]![split.feature]!;
    if (b < 0) return split.missingLeft;
    return cuts[split.feature]![b] !== undefined && cuts[split.feature]![b]! <= split.threshold;
  };
  const leftRows = rows.filter(goesLeft);
  const rightRows = rows.filter((i) => !goesLeft(i));
  tree.feature[node] = split.feature;
  tree.threshold[node] = split.threshold;
  tree.missingLeft[node] = split.missingLeft;
  tree.left[node] = grow(tree, leftRows, depth + 1, opts, cuts, binOf, g, h);
  tree.right[node] = grow(tree, rightRows, depth + 1, opts, cuts, binOf, g, h);
  return node;
}

function bestSplit(
  rows: number[],
  G: number,
  H: number,
  opts: BoostOptions,
  cuts: number[][],
  binOf: Int16Array[],
  g: Float64Array,
  h: Float64Array,
): Split | null {
  const score = (gs: number, hs: number) => (gs * gs) / (hs + opts.lambda);
  const parent = score(G, H);
  let best: Split | null = null;
  for (let f = 0; f < cuts.length; f++) {
    const k = cuts[f]!.length;
    if (k === 0) continue;
    const gb = new Float64Array(k + 1);
    const hb = new Float64Array(k + 1);
    let gMiss = 0;
    let hMiss = 0;
    for (const i of rows) {
      const b = binOf[i]![f]!;
      if (b < 0) {
        gMiss += g[i]!;
        hMiss += h[i]!;
      } else {
        gb[b]! += g[i]!;
        hb[b]! += h[i]!;
      }
    }
    let gl = 0;
    let hl = 0;
    for (let b = 0; b < k; b++) {
      gl += gb[b]!;
      hl += hb[b]!;
      for (const missingLeft of [false, true]) {
        const gL = gl + (missingLeft ? gMiss : 0);
        const hL = hl + (missingLeft ? hMiss : 0);
        const gR = G - gL;
        const hR = H - hL;
        if (hL < opts.minLeafHessian || hR < opts.minLeafHessian) continue;
        const gain = score(gL, hL) + score(gR, hR) - parent;
        if (gain > 1e-9 && (!best || gain > best.gain))
          best = { gain, feature: f, threshold: cuts[f]![b]!, missingLeft };
      }
    }
  }
  return best;
}

/** The leaf value one tree gives to the features `x`. */
export function treeValue(tree: Tree, x: ArrayLike<number>): number {
  let node = 0;
  while (tree.feature[node]! >= 0) {
    const v = x[tree.feature[node]!]!;
    const left = Number.isNaN(v) ? tree.missingLeft[node]! : v <= tree.threshold[node]!;
    node = left ? tree.left[node]! : tree.right[node]!;
  }
  return tree.value[node]!;
}

/** Sum of the trees' values for `x`. */
export function ensembleValue(trees: readonly Tree[], x: ArrayLike<number>): number {
  let s = 0;
  for (const tree of trees) s += treeValue(tree, x);
  return s;
}

/**
 * Fits `p = σ(a·m + c)` to margins `m` and 0/1 labels by damped Newton steps on the L2-penalised log-loss (Platt
 * scaling). `plattScale([-2, -1, 1, 2], [0, 0, 1, 1])` → a large positive `a`, `c` near 0.
 */
export function plattScale(m: ArrayLike<number>, y: ArrayLike<number>, l2 = 1e-3): { a: number; c: number } {
  const loss = (a: number, c: number) => {
    let s = (l2 * (a * a + c * c)) / 2;
    for (let i = 0; i < m.length; i++) {
      const z = a * m[i]! + c;
      // log(1 + e^z) − y·z, computed without overflow.
      s += (z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z))) - y[i]! * z;
    }
    return s;
  };
  let a = 1;
  let c = 0;
  let current = loss(a, c);
  for (let iter = 0; iter < 100; iter++) {
    let ga = l2 * a;
    let gc = l2 * c;
    let haa = l2;
    let hac = 0;
    let hcc = l2;
    for (let i = 0; i < m.length; i++) {
      const p = 1 / (1 + Math.exp(-(a * m[i]! + c)));
      const r = p - y[i]!;
      const w = p * (1 - p);
      ga += r * m[i]!;
      gc += r;
      haa += w * m[i]! * m[i]!;
      hac += w * m[i]!;
      hcc += w;
    }
    const det = haa * hcc - hac * hac;
    if (!(det > 0)) break;
    const da = (hcc * ga - hac * gc) / det;
    const dc = (haa * gc - hac * ga) / det;
    // Halve the step until the loss goes down (plain Newton can overshoot on near-separable margins).
    let step = 1;
    let next = loss(a - da, c - dc);
    while (next > current && step > 1e-6) {
      step /= 2;
      next = loss(a - step * da, c - step * dc);
    }
    if (next > current) break;
    a -= step * da;
    c -= step * dc;
    const moved = step * (Math.abs(da) + Math.abs(dc));
    current = next;
    if (moved < 1e-9) break;
  }
  return { a, c };
}
