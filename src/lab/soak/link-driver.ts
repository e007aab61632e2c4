/**
 * Carries out a link schedule on the run's clock: called once a second with
 * the seconds since load, it starts and ends outages and rate steps, and
 * records when each actually happened.
 */
import type { Lab } from '../network-lab.js';
import type { LinkEvent } from './link-schedule.js';

export class LinkDriver {
  private readonly pending: LinkEvent[];
  private active: { readonly event: LinkEvent; readonly startedS: number } | undefined;
  readonly done: LinkEvent[] = [];

  constructor(
    private readonly lab: Pick<Lab, 'setOutage' | 'setRate'>,
    schedule: readonly LinkEvent[],
    private readonly baseRateMbps: number,
    private readonly log: (line: string) => void,
  ) {
    this.pending = [...schedule].sort((a, b) => a.atS - b.atS);
  }

  async tick(elapsedS: number): Promise<void> {
    if (this.active && elapsedS >= this.active.startedS + this.active.event.durationS) await this.end(elapsedS);
    const next = this.pending[0];
    if (!this.active && next && elapsedS >= next.atS) {
      this.pending.shift();
      this.active = { event: next, startedS: elapsedS };
      if (next.kind === 'outage') await this.lab.setOutage(true);
      else await this.lab.setRate(next.rateMbps ?? this.baseRateMbps);
      this.log(`  link: ${next.kind === 'outage' ? 'outage' : `rate ${next.rateMbps} Mbit/s`} at ${elapsedS.toFixed(1)} s for ${next.durationS} s`);
    }
  }

  /** Restores the link (end of run, or a failure mid-event). */
  async restore(elapsedS: number): Promise<void> {
    if (this.active) await this.end(elapsedS);
  }

  private async end(elapsedS: number): Promise<void> {
    const { event, startedS } = this.active!;
    this.active = undefined;
    if (event.kind === 'outage') await this.lab.setOutage(false);
    else await this.lab.setRate(this.baseRateMbps);
    this.done.push({ ...event, atS: Number(startedS.toFixed(1)), durationS: Number((elapsedS - startedS).toFixed(1)) });
    this.log(`  link: restored at ${elapsedS.toFixed(1)} s`);
  }
}
