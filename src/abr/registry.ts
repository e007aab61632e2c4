/**
 * ABR controllers by name, per player instance (no global registry):
 * `resolveAbr('bola')`, or a user's controller object or factory. Every name
 * makes a fresh controller, so stateful ones (BOLA, RobustMPC) are not shared.
 */
import { SprintError } from '../errors.js';
import { BbaRule } from './bba.js';
import { BolaRule } from './bola-rule.js';
import { DynamicRule } from './dynamic-rule.js';
import { RobustMpcRule } from './robust-mpc.js';
import { ThroughputRule } from './throughput-rule.js';
import type { AbrController, AbrFactory } from './types.js';

export type AbrSpec = string | AbrController | AbrFactory;

export const BUILT_IN_ABR: Readonly<Record<string, AbrFactory>> = {
  throughput: () => new ThroughputRule(),
  bba: () => new BbaRule(),
  bola: () => new BolaRule(),
  robustmpc: () => new RobustMpcRule(),
  dynamic: () => new DynamicRule(),
};

export function resolveAbr(spec: AbrSpec, extra: Readonly<Record<string, AbrFactory>> = {}): AbrController {
  if (typeof spec === 'function') return spec();
  if (typeof spec === 'object') return spec;
  const factory = extra[spec] ?? BUILT_IN_ABR[spec];
  if (!factory) {
    throw new SprintError({
      category: 'config',
      code: 'INVALID_CONFIG',
      message: `unknown ABR controller "${spec}"; known: ${[...Object.keys(BUILT_IN_ABR), ...Object.keys(extra)].join(', ')}`,
    });
  }
  return factory();
}
