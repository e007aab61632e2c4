/**
 * Test fixture: builds a small lab, prints its run id, and waits to be killed
 * (lab.test.ts kill -9s it to check that the next run cleans up).
 */
import { createLab } from '../lab.js';

const lab = await createLab({ rateMbps: 5, rttMs: 10, log: () => undefined });
await lab.startCompetitors(1);
process.stdout.write(`${lab.runId}\n`);
setInterval(() => undefined, 60_000);
