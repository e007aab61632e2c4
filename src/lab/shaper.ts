/**
 * The bottleneck: HTB rate limit with a byte-sized drop-tail bfifo, on the
 * router's interface toward the client (never on the server's own interface,
 * where TCP would feel back-pressure instead of loss: 0 retransmits vs 27).
 */
import { runInNamespace } from './exec.js';
import { bdpBytes, htbBurstBytes, LAB_MTU, queueLimitBytes } from './link-math.js';

const ROOT = '1:';
const CLASS = '1:10';
const LEAF = '10:';
/** Policy-routing priority of the outage blackhole rule (after "local", before "main"). */
const OUTAGE_RULE_PRIORITY = '100';

export interface ShaperPlan {
  rateMbps: number;
  queueLimitBytes: number;
  burstBytes: number;
  bdpBytes: number;
}

export function planShaper(rateMbps: number, rttMs: number, queueBdp: number): ShaperPlan {
  return {
    rateMbps,
    queueLimitBytes: queueLimitBytes(rateMbps, rttMs, queueBdp),
    burstBytes: htbBurstBytes(rateMbps),
    bdpBytes: bdpBytes(rateMbps, rttMs),
  };
}

/** tc arguments for the HTB class at a given rate (burst follows the rate). */
export function htbClassArgs(verb: 'add' | 'change', device: string, rateMbps: number): string[] {
  const rate = `${Math.round(rateMbps * 1000)}kbit`;
  const burst = String(htbBurstBytes(rateMbps));
  return [
    'class', verb, 'dev', device, 'parent', ROOT, 'classid', CLASS,
    'htb', 'rate', rate, 'ceil', rate, 'burst', burst, 'cburst', burst,
    // One class only, so quantum does not matter; setting it silences tc's warning.
    'quantum', String(LAB_MTU),
  ];
}

function bfifoArgs(verb: 'add' | 'change', device: string, limitBytes: number): string[] {
  return ['qdisc', verb, 'dev', device, 'parent', CLASS, 'handle', LEAF, 'bfifo', 'limit', String(limitBytes)];
}

export interface ShaperCounters {
  sentBytes: number;
  sentPackets: number;
  dropped: number;
  backlogBytes: number;
}

export class Shaper {
  private rate: number;
  private outage = false;

  constructor(
    private readonly ns: string,
    private readonly device: string,
    readonly plan: ShaperPlan,
  ) {
    this.rate = plan.rateMbps;
  }

  get rateMbps(): number {
    return this.rate;
  }

  get inOutage(): boolean {
    return this.outage;
  }

  async install(): Promise<void> {
    await this.tc(['qdisc', 'replace', 'dev', this.device, 'root', 'handle', ROOT, 'htb', 'default', '10']);
    await this.tc(htbClassArgs('add', this.device, this.rate));
    await this.tc(bfifoArgs('add', this.device, this.plan.queueLimitBytes));
  }

  /**
   * Changes the bottleneck rate live. The queue keeps its size in bytes, like
   * a real link whose buffer memory does not change with its rate.
   */
  async setRate(rateMbps: number): Promise<void> {
    if (!(rateMbps > 0)) throw new Error(`rate must be positive, got ${rateMbps}`);
    await this.tc(htbClassArgs('change', this.device, rateMbps));
    this.rate = rateMbps;
  }

  /**
   * Outage: a blackhole policy rule at the router drops everything forwarded in
   * both directions, and the bottleneck queue is replaced by an empty 0-byte
   * bfifo (a dead link loses what it had queued). The TUN device stays up.
   */
  async setOutage(on: boolean): Promise<void> {
    if (on === this.outage) return;
    const rule = ['rule', on ? 'add' : 'del', 'priority', OUTAGE_RULE_PRIORITY, 'blackhole'];
    if (on) {
      await runInNamespace(this.ns, 'ip', rule);
      await this.tc(['qdisc', 'del', 'dev', this.device, 'parent', CLASS, 'handle', LEAF]);
      await this.tc(bfifoArgs('add', this.device, 0));
    } else {
      await this.tc(bfifoArgs('change', this.device, this.plan.queueLimitBytes));
      await runInNamespace(this.ns, 'ip', rule);
    }
    this.outage = on;
  }

  async counters(): Promise<ShaperCounters> {
    const { stdout } = await runInNamespace(this.ns, 'tc', ['-s', 'qdisc', 'show', 'dev', this.device]);
    return parseHtbCounters(stdout);
  }

  private async tc(args: string[]): Promise<void> {
    await runInNamespace(this.ns, 'tc', args);
  }
}

/** Reads the root HTB's counters from `tc -s qdisc show`. */
export function parseHtbCounters(tcOutput: string): ShaperCounters {
  const htb = tcOutput.split(/\n(?=qdisc )/).find((block) => block.startsWith('qdisc htb')) ?? '';
  const sent = /Sent (\d+) bytes (\d+) pkt \(dropped (\d+)/.exec(htb);
  const backlog = /backlog (\d+)b/.exec(htb);
  return {
    sentBytes: Number(sent?.[1] ?? 0),
    sentPackets: Number(sent?.[2] ?? 0),
    dropped: Number(sent?.[3] ?? 0),
    backlogBytes: Number(backlog?.[1] ?? 0),
  };
}
