/**
 * Two builds from one config:
 * - `vite build --mode lib`: the embeddable library, dist/lib/sprint.js (ESM, dependencies bundled
 *   so a plain HTML page needs nothing else), types by tsc into dist/lib/types.
 * - `vite build`: the comparison demo (index.html) and the lab page (src/lab/page/lab.html) into dist/demo.
 * `vite` (npm run dev) serves the demo with the media origin mounted at /media/.
 */
import { defineConfig, type Plugin } from 'vite';

function mediaOrigin(): Plugin {
  return {
    name: 'sprint-media-origin',
    async configureServer(server) {
      const { createOriginHandler } = await import('./src/server/origin.js');
      const handler = createOriginHandler({ mounts: { '/media/': 'media' } });
      server.middlewares.use((req, res, next) => {
        if (req.url?.startsWith('/media/')) handler(req, res, next);
        else next();
      });
    },
  };
}

export default defineConfig(({ mode }) => {
  if (mode === 'lib') {
    return {
      publicDir: false,
      build: {
        outDir: 'dist/lib',
        emptyOutDir: true,
        sourcemap: true,
        target: 'es2022',
        // Vite keeps whitespace in ES library output; the published bundle is minified in full.
        rolldownOptions: { output: { minify: true } },
        lib: { entry: 'src/index.ts', formats: ['es'], fileName: () => 'sprint.js' },
      },
    };
  }
  return {
    plugins: [mediaOrigin()],
    build: {
      outDir: 'dist/demo', emptyOutDir: true, target: 'es2022', sourcemap: true,
      // The lab page (src/lab/page/lab.html → dist/demo/src/lab/page/lab.html) is built next to the demo.
      rolldownOptions: { input: { main: 'index.html', lab: 'src/lab/page/lab.html' } },
      chunkSizeWarningLimit: 1000, // the lab page's lazily loaded dash.js (820 KB) and Shaka (580 KB) chunks
    },
    server: { host: '127.0.0.1' },
  };
});
