// Maps a request path onto a file inside one of the mounted directories, refusing
// anything that could step outside it: dot segments, encoded separators, NUL,
// hidden names, and symlinks whose target lies outside the mount.
import { realpath, stat } from 'node:fs/promises';
import path from 'node:path';

export interface Mount {
  /** URL prefix, starting and ending with '/'. */
  readonly prefix: string;
  /** Absolute directory. */
  readonly dir: string;
}

export type Resolution =
  | { readonly kind: 'file'; readonly filePath: string; readonly size: number; readonly mtime: Date }
  | { readonly kind: 'redirect'; readonly location: string }
  | { readonly kind: 'forbidden'; readonly reason: string }
  | { readonly kind: 'bad-request'; readonly reason: string }
  | { readonly kind: 'not-found' }
  | { readonly kind: 'unmounted' };

/** Longest prefix first, so '/media/' wins over '/'. Relative dirs resolve against `root`. */
export function normaliseMounts(mounts: Readonly<Record<string, string>>, root: string): Mount[] {
  return Object.entries(mounts)
    .map(([prefix, dir]) => {
      let normal = prefix.startsWith('/') ? prefix : `/${prefix}`;
      if (!normal.endsWith('/')) normal += '/';
      return { prefix: normal, dir: path.resolve(root, dir) };
    })
    .sort((a, b) => b.prefix.length - a.prefix.length);
}

const ENCODED_SEPARATOR_OR_NUL = /%(2f|5c|00)/i;

function isInside(child: string, parent: string): boolean {
  return child === parent || child.startsWith(parent.endsWith(path.sep) ? parent : parent + path.sep);
}

async function realpathOrUndefined(target: string): Promise<string | undefined> {
  try {
    return await realpath(target);
  } catch {
    return undefined;
  }
}

/** Decoded, non-empty path segments; or a refusal. */
function splitSegments(pathname: string): string[] | Resolution {
  if (!pathname.startsWith('/')) return { kind: 'bad-request', reason: 'path must start with /' };
  if (ENCODED_SEPARATOR_OR_NUL.test(pathname) || pathname.includes('\\') || pathname.includes('\0')) {
    return { kind: 'forbidden', reason: 'encoded separator, backslash or NUL in path' };
  }
  const segments: string[] = [];
  for (const raw of pathname.split('/')) {
    let segment: string;
    try {
      segment = decodeURIComponent(raw);
    } catch {
      return { kind: 'bad-request', reason: 'malformed percent-encoding' };
    }
    if (segment === '.' || segment === '..') return { kind: 'forbidden', reason: 'dot segment in path' };
    if (/[/\\\0]/.test(segment)) return { kind: 'forbidden', reason: 'separator or NUL in segment' };
    if (segment !== '') segments.push(segment);
  }
  return segments;
}

async function fileAt(candidate: string, realRoot: string): Promise<Resolution | { kind: 'directory' }> {
  const real = await realpathOrUndefined(candidate);
  if (real === undefined) return { kind: 'not-found' };
  if (!isInside(real, realRoot)) return { kind: 'forbidden', reason: 'resolves outside the mount' };
  const info = await stat(real);
  if (info.isDirectory()) return { kind: 'directory' };
  if (!info.isFile()) return { kind: 'not-found' };
  return { kind: 'file', filePath: real, size: info.size, mtime: info.mtime };
}

/** `rawUrl` is the request target as received (path plus optional query). */
export async function resolveRequestPath(rawUrl: string, mounts: readonly Mount[]): Promise<Resolution> {
  const pathname = rawUrl.split(/[?#]/, 1)[0] ?? '';
  const segments = splitSegments(pathname);
  if (!Array.isArray(segments)) return segments;

  const trailingSlash = pathname.endsWith('/');
  const decodedPath = `/${segments.join('/')}${trailingSlash && segments.length > 0 ? '/' : ''}`;
  const mount = mounts.find((m) => decodedPath.startsWith(m.prefix) || `${decodedPath}/` === m.prefix);
  if (!mount) return { kind: 'unmounted' };

  const rest = segments.slice(mount.prefix.split('/').filter(Boolean).length);
  // Hidden names (.work, .git, .env) are never served; answer as if absent.
  if (rest.some((segment) => segment.startsWith('.'))) return { kind: 'not-found' };
  const candidate = path.join(mount.dir, ...rest);
  if (!isInside(candidate, mount.dir)) return { kind: 'forbidden', reason: 'outside the mount' };

  const realRoot = await realpathOrUndefined(mount.dir);
  if (realRoot === undefined) return { kind: 'not-found' };
  const found = await fileAt(candidate, realRoot);
  if (found.kind !== 'directory') return found;
  if (!trailingSlash) {
    const query = rawUrl.slice(pathname.length);
    return { kind: 'redirect', location: `${pathname}/${query}` };
  }
  const index = await fileAt(path.join(candidate, 'index.html'), realRoot);
  return index.kind === 'directory' ? { kind: 'not-found' } : index;
}
