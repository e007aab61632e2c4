/**
 * Entry of lab.html: reads the query, runs one player (or the probe downloader)
 * and exposes window.labStatus() / window.labResult() for the lab runner.
 */
import type { LabPageResult, LabPageWindow, LabStatus } from './lab-result.js';
import { parsePageParams } from './page-params.js';
import { startPlayerRun } from './player-run.js';
import { startProbeRun } from './probe-run.js';

function show(text: string): void {
  const status = document.getElementById('status');
  if (status) status.textContent = text;
}

function main(): void {
  const target = window as unknown as LabPageWindow;
  let result: LabPageResult | undefined;
  let failure: string | undefined;
  let status: () => LabStatus = () => ({ done: false, elapsedS: 0 });
  target.labResult = () => result;
  target.labStatus = () => (failure === undefined ? status() : { done: true, elapsedS: 0, error: failure });

  try {
    const params = parsePageParams(location.search);
    const run = params.mode === 'probe' ? startProbeRun(params) : startPlayerRun(params, document.querySelector('video') as HTMLVideoElement);
    status = run.status;
    show(params.mode === 'probe' ? `probe: ${params.sizes.join(', ')} B` : `${params.player} (${params.abr}) for ${params.durationS} s`);
    run.finished.then(
      (value) => {
        result = value;
        show('done');
      },
      (error: unknown) => {
        failure = error instanceof Error ? error.message : String(error);
        show(`failed: ${failure}`);
      },
    );
  } catch (error) {
    failure = error instanceof Error ? error.message : String(error);
    show(`failed: ${failure}`);
  }
}

main();
