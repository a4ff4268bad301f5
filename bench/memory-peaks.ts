/** Peak resident and JS-heap memory while a benchmark stage runs, sampled on a timer. */

export interface MemoryPeaks {
  /** Stops sampling (after one last sample) and gives the peaks in MB. */
  stop(): { peakRssMb: number; peakHeapMb: number };
}

/** `const peaks = sampleMemory(50); …; const { peakRssMb, peakHeapMb } = peaks.stop()` */
export function sampleMemory(everyMs: number): MemoryPeaks {
  let rss = 0;
  let heap = 0;
  const sample = () => {
    const usage = process.memoryUsage();
    rss = Math.max(rss, usage.rss);
    heap = Math.max(heap, usage.heapUsed);
  };
  sample();
  const timer = setInterval(sample, everyMs);
  return {
    stop() {
      clearInterval(timer);
      sample();
      return { peakRssMb: Math.round(rss / 1048576), peakHeapMb: Math.round(heap / 1048576) };
    },
  };
}
