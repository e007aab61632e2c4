/**
 * Re-renders report.html (and prints the summary table, text or Markdown) from a results.json,
 * e.g. after a report change, without re-running the lab:
 *   npx tsx src/lab/report/render-cli.ts lab-results/reference/results.json [--markdown]
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { LabResults } from '../runner/results.js';
import { renderReport } from './report-html.js';
import { formatSummaryMarkdown, formatSummaryText } from './summary-table.js';

async function main(): Promise<void> {
  const file = process.argv[2];
  if (!file) throw new Error('usage: npx tsx src/lab/report/render-cli.ts <results.json> [--markdown]');
  const results = JSON.parse(await readFile(file, 'utf8')) as LabResults;
  const report = path.join(path.dirname(file), 'report.html');
  await writeFile(report, renderReport(results));
  console.log(process.argv.includes('--markdown') ? formatSummaryMarkdown(results.runs) : formatSummaryText(results.runs));
  console.log(`\nwrote ${report}`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
