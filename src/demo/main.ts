/**
 * Entry of the comparison page (index.html): reads the query string and what
 * the server says about itself (/__demo/config.json: per-player media origins,
 * the lab's link), then mounts <sprint-comparison>. Also registers
 * <sprint-player>, so the page can embed it.
 */
import '../ui/index.js';
import { defineComparison } from './comparison-page.js';
import { DEMO_CONFIG_PATH, isDemoServerConfig, parseDemoParams, type DemoServerConfig } from './demo-config.js';

async function loadServerConfig(): Promise<DemoServerConfig | undefined> {
  try {
    const response = await fetch(DEMO_CONFIG_PATH, { cache: 'no-store' });
    if (!response.ok) return undefined;
    const body: unknown = await response.json();
    return isDemoServerConfig(body) ? body : undefined;
  } catch {
    return undefined;
  }
}

async function main(): Promise<void> {
  const root = document.getElementById('comparison');
  if (!root) return;
  let params;
  try {
    params = parseDemoParams(location.search);
  } catch (error) {
    root.textContent = `Bad URL: ${error instanceof Error ? error.message : String(error)}`;
    return;
  }
  const config = await loadServerConfig();
  defineComparison();
  const page = document.createElement('sprint-comparison');
  page.params = params;
  page.config = config;
  root.replaceChildren(page);
}

void main();
