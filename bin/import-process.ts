/** Process settings for a command that does nothing but import a file (`dlxh ingest jsonl`). */
import v8 from 'node:v8';

/**
 * Let V8 favour memory over speed for the rest of this process. An import holds little live data (a few batches,
 * 30–60 MB) but by default V8 lets the heap grow to several times that between full collections. The flag is read
 * whenever the heap decides how far to grow, so setting it after start takes effect: on a 1 GB import the heap
 * stayed at 40–60 MB instead of 100–150 MB, at the same speed (docs/scaling.md). Only for a process that serves
 * nothing else: the server keeps V8's defaults.
 */
export function favourMemoryOverSpeed(): void {
  v8.setFlagsFromString('--optimize-for-size');
}
