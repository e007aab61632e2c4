/**
 * A shaped-network lab for e2e tests, built from the lab runner's pieces: the
 * origin in the lab's server namespace (198.18.2.2, h2) and Chromium in its
 * client namespace, so link faults (lab.setOutage, lab.setRate) hit the
 * player's real TCP connection.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BrowserContext } from '@playwright/test';
import { ensureCertificate } from '../scripts/cert.js';
import { createLab, type Lab, type LabOptions } from '../src/lab/network-lab.js';
import { launchLabBrowser } from '../src/lab/runner/lab-browser.js';
import { startLabOrigin } from '../src/lab/runner/origin-process.js';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export interface LabSession {
  readonly lab: Lab;
  readonly baseUrl: string;
  newContext(): Promise<BrowserContext>;
  close(): Promise<void>;
}

export async function openLabSession(options: Partial<LabOptions>): Promise<LabSession> {
  const lab = await createLab({ ...options, handleSignals: false, log: () => undefined });
  const logDir = await mkdtemp(path.join(tmpdir(), 'sprint-lab-e2e-'));
  try {
    const { spkiHash } = await ensureCertificate();
    const origin = await startLabOrigin(lab, REPO_ROOT, path.join(logDir, 'origin-log.jsonl'));
    const browser = await launchLabBrowser(lab, spkiHash);
    return {
      lab,
      baseUrl: origin.url,
      newContext: () => browser.newContext({ baseURL: origin.url, ignoreHTTPSErrors: true }),
      close: async () => {
        await browser.close().catch(() => undefined);
        await lab.close();
        await rm(logDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await lab.close();
    await rm(logDir, { recursive: true, force: true });
    throw error;
  }
}
