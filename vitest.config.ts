// Unit and integration tests live next to the code as src/**/*.test.ts and run
// in Node by default; a test file that needs a DOM can opt in with a
// `// @vitest-environment <name>` comment at its top.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    environment: 'node',
  },
});
