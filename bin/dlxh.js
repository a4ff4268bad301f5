#!/usr/bin/env node
// Entry point: loads the TypeScript composition root through tsx, so no build step is needed.
import { register } from 'tsx/esm/api';

register();
await import('./main.ts');
