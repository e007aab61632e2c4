// Generates media only when media/.stamp.json is missing or from another recipe,
// so `npm test` and `npm start` pay the encode cost once per machine.
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { generateMedia, isMediaCurrent } from './media.js';
import { mediaPaths } from './dash-media/recipe.js';

/** Returns the media directory, generating its contents first if needed. */
export async function ensureMedia(root?: string): Promise<string> {
  const paths = mediaPaths(root);
  if (await isMediaCurrent(root)) return paths.root;
  console.log(`media in ${paths.root} is missing or outdated; generating (about half a minute)...`);
  await generateMedia(root === undefined ? {} : { root });
  return paths.root;
}

const invokedDirectly = process.argv[1] !== undefined && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href;
if (invokedDirectly) {
  ensureMedia().then(
    (root) => console.log(`media up to date in ${root}`),
    (error: unknown) => {
      console.error(`media generation failed: ${error instanceof Error ? error.message : String(error)}`);
      process.exitCode = 1;
    },
  );
}
