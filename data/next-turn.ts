/** Lets the event loop run what is waiting (requests, timers, I/O) before a long computation goes on. */
import { setImmediate } from 'node:timers/promises';

/** `for (const chunk of chunks) { work(chunk); await nextTurn(); }` */
export function nextTurn(): Promise<void> {
  return setImmediate();
}
