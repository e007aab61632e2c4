import { describe, expect, it } from 'vitest';
import { chromiumWrapperScript } from './chromium-wrapper.js';
import { runIdOfNamespace } from './cleanup.js';
import { diffDelayLineStats, judgeLateness, parseDelayLineStats } from './delay-stats.js';
import { namespaceArgv } from './exec.js';
import { meanMbps, parseIperfInterval } from './iperf-output.js';
import { parseHtbCounters } from './shaper.js';
import { busiestOnPort, parseSsConnections, parseSsCongestionControls } from './tcp-info.js';
import { labNamespaces } from './topology.js';

const STATS_LINE =
  '{"pid":1,"sched":"fifo","wall_s":10.000,"cpu_user_s":0.500,"cpu_sys_s":1.500,"bucket_upper_us":[50,100,250,500,1000,2000,5000],' +
  '"directions":{"up":{"delay_us":20000,"jitter_us":1000,"packets_in":100,"bytes_in":5200,"packets_out":100,"bytes_out":5200,' +
  '"drops_full":0,"drops_write":0,"queued":0,"max_queued":4,"late_over_1ms":1,"max_late_us":1200,"lateness":[90,5,2,1,1,1,0,0]},' +
  '"down":{"delay_us":20000,"jitter_us":0,"packets_in":300,"bytes_in":450000,"packets_out":300,"bytes_out":450000,' +
  '"drops_full":0,"drops_write":0,"queued":2,"max_queued":40,"late_over_1ms":0,"max_late_us":300,"lateness":[299,1,0,0,0,0,0,0]}}}';

describe('delay line stats', () => {
  it('parses the JSON line and computes CPU cores', () => {
    const stats = parseDelayLineStats(STATS_LINE);
    expect(stats.cpuCores).toBeCloseTo(0.2);
    expect(stats.scheduling).toBe('fifo');
    expect(stats.up).toMatchObject({ delayUs: 20000, jitterUs: 1000, packetsOut: 100, lateOver1ms: 1, drops: 0 });
    expect(stats.down.lateness).toHaveLength(8);
  });

  it('flags > 1% of packets more than 1 ms late', () => {
    const stats = parseDelayLineStats(STATS_LINE);
    expect(judgeLateness(stats)).toMatchObject({ packets: 400, lateOver1ms: 1, flagged: false });
    const late = { ...stats, up: { ...stats.up, lateOver1ms: 10 } };
    expect(judgeLateness(late).flagged).toBe(true);
  });

  it('diffs two snapshots', () => {
    const stats = parseDelayLineStats(STATS_LINE);
    const diff = diffDelayLineStats(stats, stats);
    expect(diff.up.packetsOut).toBe(0);
    expect(diff.down.lateness.every((n) => n === 0)).toBe(true);
  });
});

describe('iperf3 interval lines', () => {
  it('reads interval lines and skips summaries', () => {
    expect(parseIperfInterval('[  5]   1.00-2.00   sec  2.42 MBytes  20331 Kbits/sec                  ')).toEqual({ startS: 1, endS: 2, mbps: 20.331 });
    expect(parseIperfInterval('[  5]   0.00-6.00   sec  13.6 MBytes  19053 Kbits/sec                  receiver')).toBeUndefined();
    expect(parseIperfInterval('[ ID] Interval           Transfer     Bitrate')).toBeUndefined();
    expect(parseIperfInterval('[  5]   2.00-3.00   sec  2.47 GBytes  22.8 Gbits/sec')?.mbps).toBeCloseTo(22_800);
  });

  it('averages over a window of the flow clock', () => {
    const intervals = [
      { startS: 0, endS: 1, mbps: 10 },
      { startS: 1, endS: 2, mbps: 20 },
      { startS: 2, endS: 3, mbps: 30 },
    ];
    expect(meanMbps(intervals)).toBeCloseTo(20);
    expect(meanMbps(intervals, 1)).toBeCloseTo(25);
    expect(meanMbps(intervals, 0.5, 1.5)).toBeCloseTo(15);
  });
});

describe('tc and ss output', () => {
  it('reads HTB counters', () => {
    const output = [
      'qdisc htb 1: root refcnt 2 r2q 10 default 0x10 direct_packets_stat 0 direct_qlen 500',
      ' Sent 15319090 bytes 10227 pkt (dropped 8, overlimits 10208 requeues 0) ',
      ' backlog 9000b 6p requeues 0',
      'qdisc bfifo 10: parent 1:10 limit 100000b',
      ' Sent 1 bytes 1 pkt (dropped 0, overlimits 0 requeues 0) ',
      ' backlog 0b 0p requeues 0',
    ].join('\n');
    expect(parseHtbCounters(output)).toEqual({ sentBytes: 15319090, sentPackets: 10227, dropped: 8, backlogBytes: 9000 });
  });

  it('finds congestion control names in ss -tin', () => {
    const output = [
      'Recv-Q Send-Q Local Address:Port Peer Address:Port Process',
      '0      516936 [::ffff:198.18.2.2]:5300 [::ffff:198.18.1.2]:54746',
      '\t cubic wscale:10,10 rto:280 rtt:76.563/0.421 mss:1448',
      '0      0 198.18.2.2:5301 198.18.1.2:40000',
      '\t bbr wscale:7,7 rto:204',
    ].join('\n');
    expect(parseSsCongestionControls(output)).toEqual(['cubic', 'bbr']);
  });

  it('reads per-connection sender counters from ss -tin', () => {
    const output = [
      'Recv-Q Send-Q       Local Address:Port        Peer Address:Port Process',
      '0      0      [::ffff:198.18.2.2]:5300 [::ffff:198.18.1.2]:54736',
      '\t cubic wscale:10,10 rto:248 rtt:44.731/14.507 mss:1448 cwnd:10 bytes_sent:4 bytes_acked:4 segs_out:6 data_segs_out:4',
      'ESTAB 0      516936 [::ffff:198.18.2.2]:5300 [::ffff:198.18.1.2]:54746',
      '\t cubic wscale:10,10 rto:280 rtt:76.563/0.421 mss:1448 cwnd:129 ssthresh:97 bytes_sent:6710032 bytes_retrans:10136 ' +
        'bytes_acked:6513104 segs_out:4635 data_segs_out:4634 busy:2816ms unacked:129 retrans:0/7 notsent:330144',
    ].join('\n');
    const connections = parseSsConnections(output);
    expect(connections).toHaveLength(2);
    expect(busiestOnPort(connections, 5300)).toMatchObject({
      localPort: 5300, congestionControl: 'cubic', bytesSent: 6710032, bytesRetrans: 10136, dataSegsOut: 4634, retransSegs: 7, rttMs: 76.563, cwnd: 129,
    });
  });
});

describe('names and commands', () => {
  it('prefixes namespaces with sprint- and the run id', () => {
    expect(labNamespaces('ab12cd')).toEqual({
      prefix: 'sprint-ab12cd', client: 'sprint-ab12cd-client', router: 'sprint-ab12cd-router', server: 'sprint-ab12cd-server',
    });
    expect(runIdOfNamespace('sprint-ab12cd-router')).toBe('ab12cd');
    expect(runIdOfNamespace('other-ns')).toBeUndefined();
  });

  it('runs namespace commands under setpriv --pdeathsig unless told not to', () => {
    expect(namespaceArgv('ns1', 'iperf3', ['-s'])).toEqual(['ip', ['netns', 'exec', 'ns1', 'setpriv', '--pdeathsig', 'TERM', 'iperf3', '-s']]);
    expect(namespaceArgv('ns1', 'ss', ['-tin'], { dieWithLab: false })).toEqual(['ip', ['netns', 'exec', 'ns1', 'ss', '-tin']]);
  });

  it('writes a Chromium wrapper that execs inside the client namespace', () => {
    const script = chromiumWrapperScript('sprint-ab12cd-client');
    expect(script.startsWith('#!/bin/sh\n')).toBe(true);
    expect(script).toContain(`exec ip netns exec 'sprint-ab12cd-client' '/usr/bin/chromium' "$@"`);
  });
});
