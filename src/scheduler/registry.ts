import { SprintError } from '../errors.js';
import { SequentialScheduler } from './sequential.js';
import { SprintScheduler } from './sprint.js';
import type { DownloadScheduler } from './types.js';

export type SchedulerFactory = () => DownloadScheduler;

export const BUILT_IN_SCHEDULERS: Readonly<Record<string, SchedulerFactory>> = {
  sequential: () => new SequentialScheduler(),
  sprint: () => new SprintScheduler(),
  /** Sprint's runs with one request at a time instead of pipelined (an experiment for the lab). */
  'sprint-serial': () => new SprintScheduler({ requestOverlap: 'serial' }),
};

export function resolveScheduler(name: string): DownloadScheduler {
  const factory = BUILT_IN_SCHEDULERS[name];
  if (!factory) {
    throw new SprintError({
      category: 'config',
      code: 'INVALID_CONFIG',
      message: `unknown scheduler "${name}"; known: ${Object.keys(BUILT_IN_SCHEDULERS).join(', ')}`,
    });
  }
  return factory();
}
