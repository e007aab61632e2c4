/**
 * End-to-end tests in Debian's Chromium (Playwright cannot download browsers here),
 * against the project's own HTTP/2 origin serving the built library, test pages and media.
 */
import { defineConfig } from '@playwright/test';

const PORT = Number(process.env.SPRINT_E2E_PORT ?? 9443);

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
  '--autoplay-policy=no-user-gesture-required',
];

export default defineConfig({
  testDir: 'e2e',
  testMatch: '**/*.spec.ts',
  timeout: 120_000,
  expect: { timeout: 30_000 },
  fullyParallel: false,
  // Two cores decode video for every test: one worker keeps playback real-time.
  workers: 1,
  retries: 0,
  reporter: [['list']],
  use: {
    baseURL: `https://127.0.0.1:${PORT}`,
    ignoreHTTPSErrors: true,
    browserName: 'chromium',
    launchOptions: { executablePath: process.env.SPRINT_CHROMIUM ?? '/usr/bin/chromium', args: CHROMIUM_ARGS },
    trace: 'off',
    actionTimeout: 15_000,
  },
  webServer: {
    command: `npx tsx src/server/main.ts --port ${PORT} --host 127.0.0.1`,
    url: `https://127.0.0.1:${PORT}/__origin/log`,
    ignoreHTTPSErrors: true,
    reuseExistingServer: false,
    timeout: 60_000,
    stdout: 'ignore',
    stderr: 'pipe',
  },
});
