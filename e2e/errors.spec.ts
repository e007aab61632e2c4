import { expect, test } from '@playwright/test';
import { createPlayer, openHarness, playerInfo } from './harness.js';

const CASES = [
  { name: 'an MPD that is not XML', src: '/e2e/fixtures/not-xml.mpd', code: 'MANIFEST_NOT_XML', category: 'manifest' },
  {
    name: 'an MPD with no playable representation',
    src: '/e2e/fixtures/unsupported-codecs.mpd',
    code: 'NO_PLAYABLE_REPRESENTATION',
    category: 'capability',
  },
  { name: 'an MPD that is not there (404)', src: '/media/no-such.mpd', code: 'MANIFEST_LOAD_FAILED', category: 'manifest', status: 404 },
  {
    name: 'an init segment that is not there (404)',
    src: '/e2e/fixtures/missing-init.mpd',
    code: 'INIT_SEGMENT_LOAD_FAILED',
    category: 'network',
    status: 404,
  },
] as const;

for (const c of CASES) {
  test(`${c.name} gives a typed error event, not a hang or an exception`, async ({ page }) => {
    const { pageErrors } = await openHarness(page);
    const index = await createPlayer(page, { src: c.src });
    // Retried attempts come first as recoverable errors; the fatal one ends the story.
    await expect.poll(async () => (await playerInfo(page, index)).errors.filter((e) => e.fatal).length, { timeout: 15_000 }).toBeGreaterThan(0);
    const info = await playerInfo(page, index);
    const error = info.errors.find((e) => e.fatal)!;
    expect(error.code).toBe(c.code);
    expect(error.category).toBe(c.category);
    expect(error.fatal).toBe(true);
    expect(error.message).toContain(c.code);
    if ('status' in c) expect(error.status).toBe(c.status);
    expect(info.states.at(-1)).toBe('error');
    // The element shows the cause instead of a blank box.
    const shown = await page.evaluate(
      () => (window as any).harness.players[0].element.shadowRoot.querySelector('[data-testid="error"]')?.textContent ?? '',
    );
    expect(shown).toContain(c.code);
    expect(pageErrors.filter((e) => !e.includes('404'))).toEqual([]);
  });
}
