/**
 * Cut `items`, in order, into consecutive runs whose weights sum to at most `budget`; an item heavier than the
 * budget makes a run of its own, so every run holds at least one item. Bounds the work of one statement or scan.
 * `chunkByWeight([3, 4, 10, 1], (n) => n, 7)` → `[[3, 4], [10], [1]]`
 */
export function chunkByWeight<T>(items: Iterable<T>, weight: (item: T) => number, budget: number): T[][] {
  const chunks: T[][] = [];
  let chunk: T[] = [];
  let size = 0;
  for (const item of items) {
    const w = weight(item);
    if (chunk.length > 0 && size + w > budget) {
      chunks.push(chunk);
      chunk = [];
      size = 0;
    }
    chunk.push(item);
    size += w;
  }
  if (chunk.length > 0) chunks.push(chunk);
  return chunks;
}
