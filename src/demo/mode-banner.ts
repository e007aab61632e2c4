/**
 * The line under the toolbar that says what the players are competing for:
 * the shaped lab link and its calibrated fair share, or that there is none.
 */
import { html } from 'lit';
import { formatMbits } from '../ui/format.js';
import { fairShareBpsFor, type DemoServerConfig, type FairShareSource } from './demo-config.js';

export function renderModeBanner(config: DemoServerConfig | undefined, fair: FairShareSource, running: number) {
  const lab = config?.lab;
  const ownOrigins = config !== undefined && Object.keys(config.mediaPorts).length > 0;
  const originNote = ownOrigins
    ? 'Each player has its own media origin (own port, own connection).'
    : 'The server gave no per-player origins (use npm start): panes share one connection and their numbers mix.';
  const fairText =
    fair.kind === 'fixed'
      ? `Fair share fixed at ${formatMbits(fair.bps)} (from the URL).`
      : fair.kind === 'lab'
        ? `Fair share per player = goodput ÷ (competitors + players running) = ${formatMbits(fairShareBpsFor(fair, running))} with ${Math.max(1, running)} running.`
        : 'No fair share is known: add ?fairShareMbps=… to the URL to draw one.';
  if (lab) {
    return html`<p class="banner lab" data-testid="page-mode" data-mode="lab" data-fair-share=${fair.kind}>
      <strong>Shaped link</strong> (lab ${lab.runId}): ${lab.rateMbps} Mbit/s, RTT ${lab.rttMs} ms, drop-tail queue ${lab.queueBdp} BDP
      (${lab.queueBytes.toLocaleString('en')} B), ACK jitter 0–${lab.jitterMs} ms, ${lab.competitors} ${lab.congestionControl}
      competitor${lab.competitors === 1 ? '' : 's'}; calibrated goodput ${lab.goodputMbps.toFixed(2)} Mbit/s, idle RTT
      ${lab.idleRttMs.toFixed(1)} ms. ${fairText} Path: ${lab.path}. ${originNote}
    </p>`;
  }
  const reason = config?.unshapedReason ?? 'served on loopback with no bottleneck';
  return html`<p class="banner unshaped" data-testid="page-mode" data-mode="unshaped" data-fair-share=${fair.kind}>
    <strong>Unshaped</strong>: ${reason}. Players do not compete for a real link here (see npm run demo:lab). ${fairText} ${originNote}
  </p>`;
}
