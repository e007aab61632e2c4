/**
 * The model against the lab measurements committed in docs/data: a change to the model
 * or its parameters is scored on real kernel TCP here, without the lab. The bounds are the
 * scores docs/model.md reports, rounded up; a change that fits better lowers them there and here.
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_MODEL_PARAMETERS } from '../../model/throughput-model.js';
import { fitPerCell, modelErrors, type ProbeCell } from './model-fit.js';
import { parseProbeDataset } from './probe-dataset.js';

const DATA_DIR = path.resolve(import.meta.dirname, '../../../docs/data');

/** File → the current model's mean |error| over its restarted, spaced points, at most. */
const DOCUMENTED_MEAN_ERROR: Record<string, number> = {
  'probe-grid-pp255-2026-12-04.json': 0.09,
  'probe-one-competitor-default-client-2026-12-04.json': 0.075,
  'probe-80ms-one-competitor-pp255-n4-2026-12-04.json': 0.05,
  'probe-long-pp255-2026-12-04.json': 0.04,
};

function load(file: string) {
  return parseProbeDataset(readFileSync(path.join(DATA_DIR, file), 'utf8'), file);
}

describe('the model on recorded lab data (docs/data)', () => {
  it('has a documented bound for every dataset committed', () => {
    const files = readdirSync(DATA_DIR).filter((f) => f.endsWith('.json')).sort();
    expect(files.length).toBeGreaterThan(0);
    expect(files).toEqual(Object.keys(DOCUMENTED_MEAN_ERROR).sort());
  });

  for (const [file, bound] of Object.entries(DOCUMENTED_MEAN_ERROR)) {
    it(`${file}: mean |error| ≤ ${bound}, every prediction in (0, 1]`, () => {
      const dataset = load(file);
      const summary = modelErrors(dataset.cells, DEFAULT_MODEL_PARAMETERS);
      // A score over a handful of points says little (the smallest set has five).
      expect(summary.fittedPoints).toBeGreaterThanOrEqual(4);
      expect(summary.meanAbsError).toBeLessThanOrEqual(bound);
      for (const p of summary.points) {
        expect(p.predicted).toBeGreaterThan(0);
        expect(p.predicted).toBeLessThanOrEqual(1);
      }
    });
  }

  it('never converges faster than a cell measured with prompt ACKs says, so its runs err long', () => {
    // τ fitted to each cell alone is what the probes say; a model τ shorter than that picks
    // runs that fall short of 0.9. Cells with the kernel's default client are left out: their
    // ACK ceiling reads as slow convergence to a per-cell fit. 0.95 is the fit's κ step.
    const cells: ProbeCell[] = Object.keys(DOCUMENTED_MEAN_ERROR).flatMap((f) => [...load(f).cells]).filter((c) => c.label.endsWith(' pp255'));
    const bound = fitPerCell(cells);
    expect(bound.cells.length).toBeGreaterThanOrEqual(8);
    for (const cell of bound.cells) expect(cell.baseConvergenceS, cell.label).toBeGreaterThanOrEqual(0.95 * cell.convergenceS);
  });
});
