import { describe, expect, it } from 'vitest';
import { describeSenderGaps, describeSenderIdle } from './origin-capture.js';

describe('describeSenderGaps', () => {
  it('sums the idle spells of each connection that carried at least 1 MB, and leaves out waits on ACKs', () => {
    const lines = describeSenderGaps([
      { clientPort: 1, startEpochS: 0, serverBytes: 5e6, spanS: 60, clientDataSegments: 10, gaps: [{ atS: 0.2, gapS: 0.15, idle: true }, { atS: 3, gapS: 0.2, idle: false }, { atS: 40, gapS: 2, idle: true }] },
      { clientPort: 2, startEpochS: 0, serverBytes: 5e5, spanS: 10, clientDataSegments: 0, gaps: [{ atS: 1, gapS: 1, idle: true }] },
    ]);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('port 1, 5.0 MB in 60 s');
    expect(lines[0]).toContain('idle (all acknowledged) 2× for 2.1 s, longest 2000 ms; at 0.2 s (150 ms), 40.0 s (2000 ms)');
  });

  it('says so when the sender never idled, and shortens a long list', () => {
    const never = describeSenderGaps([{ clientPort: 1, startEpochS: 0, serverBytes: 2e6, spanS: 10, clientDataSegments: 3, gaps: [] }]);
    expect(never[0]).toMatch(/idle \(all acknowledged\) 0× for 0\.0 s, longest 0 ms$/);
    const many = Array.from({ length: 20 }, (_, i) => ({ atS: i, gapS: 0.1, idle: true }));
    expect(describeSenderGaps([{ clientPort: 1, startEpochS: 0, serverBytes: 2e6, spanS: 30, clientDataSegments: 3, gaps: many }])[0]).toMatch(/11\.0 s \(100 ms\), …$/);
  });
});

describe('describeSenderIdle', () => {
  const idle = { connections: 1, idleSpells: 10, idleS: 47.1, overRtoFloorSpells: 1, overRtoFloorS: 46.3, insideRunSpells: 3, insideRunS: 0.21, longestInsideRunS: 0.08 };
  it('gives the spells past the RTO floor, and those inside runs only for a player with runs', () => {
    expect(describeSenderIdle(idle, true)).toBe('sender idle 10× for 47.1 s, 1× past 200 ms for 46.3 s; inside runs 3× for 0.2 s (longest 80 ms)');
    expect(describeSenderIdle(idle, false)).toBe('sender idle 10× for 47.1 s, 1× past 200 ms for 46.3 s');
  });
});
