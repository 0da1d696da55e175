#!/usr/bin/env node
// logsig ships its TypeScript sources and runs them through tsx's loader: one code path for the
// CLI, the worker, the tests and the benchmarks, with no build step to forget.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/main.ts');
