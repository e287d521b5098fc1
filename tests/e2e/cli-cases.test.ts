import { describe, test } from 'vitest';
import { CLI_CASES, expectCase, runBinary } from '../cli-cases.js';
import { TEST_CACHE } from './cli-helpers.js';

// The shared table through the built binary; tests/unit/main.test.ts runs it in-process.
describe('the CLI cases, through the built binary', () => {
  test.each(CLI_CASES.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    expectCase(c, runBinary(c, TEST_CACHE));
  });
});
