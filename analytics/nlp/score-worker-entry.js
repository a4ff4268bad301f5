// Worker entry: loads the TypeScript worker through tsx, whatever loader the parent thread was started with.
import { register } from 'tsx/esm/api';

register();
await import('./score-worker.ts');
