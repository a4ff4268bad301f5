/** Line prefixes a benchmark stage process writes on stdout. */
export const RESULT_PREFIX = 'BENCH_RESULT ';
export const READY_PREFIX = 'BENCH_READY ';
