/**
 * Our ABR names → dash.js v5 rule settings, where dash.js has the same rule.
 * dash.js runs throughputRule and bolaRule together by default and hands over
 * between them by buffer level, which is what our 'dynamic' mirrors.
 */
export interface DashjsAbrChoice {
  /** streaming.abr.rules fragment for updateSettings; undefined keeps the defaults. */
  readonly rules: { throughputRule: { active: boolean }; bolaRule: { active: boolean } } | undefined;
  /** What dash.js will actually run, for the record. */
  readonly applied: string;
}

export function dashjsAbrChoice(abr: string): DashjsAbrChoice {
  switch (abr) {
    case 'throughput':
      return { rules: { throughputRule: { active: true }, bolaRule: { active: false } }, applied: 'throughput (dash.js throughputRule)' };
    case 'bola':
      return { rules: { throughputRule: { active: false }, bolaRule: { active: true } }, applied: 'bola (dash.js bolaRule)' };
    case 'dynamic':
    case 'default':
      return { rules: undefined, applied: 'dynamic (dash.js defaults: throughputRule + bolaRule)' };
    default:
      return { rules: undefined, applied: `dynamic (dash.js defaults; no dash.js rule for "${abr}")` };
  }
}
