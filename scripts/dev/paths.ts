import { realpathSync, statSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';

// Which requests the dev server answers at all, and which file a path names: only the build's own
// files, never a listing, never anything outside the output folder (issue: the briefer's loop).

/** Hosts a page on this machine is reached by; anything else is a DNS-rebinding attempt. */
export function isLocalHost(host: string | undefined): boolean {
  if (!host) return false;
  const name = host.startsWith('[') ? host.slice(0, host.indexOf(']') + 1) : host.replace(/:\d+$/, '');
  return name === 'localhost' || name === '127.0.0.1' || name === '[::1]';
}

/**
 * The file under `root` a request path names, or undefined: paths that do not decode, that climb
 * out (`..`, encoded or not), that name hidden files (the build's records) or folders, or that
 * reach outside through a link.
 */
export function resolveServedFile(root: string, requestPath: string): string | undefined {
  let path: string;
  try {
    path = decodeURIComponent(requestPath.split('?')[0]!);
  } catch {
    return undefined;
  }
  if (path.includes('\0') || path.includes('\\')) return undefined;
  const segments = path.split('/').filter((segment) => segment !== '');
  if (segments.some((segment) => segment === '..' || segment === '.' || segment.startsWith('.'))) return undefined;
  const file = segments.length === 0 ? join(root, 'index.html') : join(root, ...segments);
  try {
    if (!statSync(file).isFile()) return undefined;
    const real = realpathSync(file);
    const inside = relative(realpathSync(resolve(root)), real);
    return inside.startsWith(`..${sep}`) || inside === '..' || resolve(inside) === inside ? undefined : real;
  } catch {
    return undefined;
  }
}

const TYPES: Record<string, string> = {
  html: 'text/html; charset=utf-8',
  md: 'text/markdown; charset=utf-8',
  pdf: 'application/pdf',
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  js: 'text/javascript; charset=utf-8',
  png: 'image/png',
  jpg: 'image/jpeg',
};

export const contentType = (file: string) => TYPES[file.split('.').pop() ?? ''] ?? 'application/octet-stream';
