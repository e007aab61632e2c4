import { stat } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createProbeSite } from './probe-site.js';

describe('createProbeSite', () => {
  it('writes the stream object at exactly the size asked for, across chunk boundaries', async () => {
    const site = await createProbeSite({ objectBytes: 1000, streamBytes: 2_500_001 });
    try {
      expect(site.streamPath).toBe('objects/stream.bin');
      expect((await stat(path.join(site.dir, site.streamPath as string))).size).toBe(2_500_001);
      expect((await stat(path.join(site.dir, site.objectPaths[0] as string))).size).toBe(1000);
    } finally {
      await site.remove();
    }
  });

  it('writes no stream object unless asked', async () => {
    const site = await createProbeSite({ objectBytes: 1000 });
    try {
      expect(site.streamPath).toBeUndefined();
      await expect(stat(path.join(site.dir, 'objects/stream.bin'))).rejects.toThrow();
    } finally {
      await site.remove();
    }
  });
});
