import { createServer } from 'node:http';
import { cpSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AddressInfo } from 'node:net';

const DIST = fileURLToPath(new URL('../../dist/', import.meta.url));
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json',
  '.svg': 'image/svg+xml', '.png': 'image/png', '.ico': 'image/x-icon',
};

/** The strict policy a portal might embed us under: no eval, no inline script or style. */
export const STRICT_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors *";

export interface ServeOptions {
  /** Folder to serve (default dist/). */
  root?: string;
  /** Response headers added to every file (default: the strict CSP). */
  headers?: Record<string, string>;
  /** Address to listen on (default 127.0.0.1; any 127.x.y.z is loopback). */
  host?: string;
  /** Host name in the returned URL (default: the address), e.g. "localhost" for another origin on the same address. */
  name?: string;
}

/** Serves the built app from dist/ (or another folder) on a free loopback port, with the strict CSP. */
export async function serveDist(options: ServeOptions = {}): Promise<{ url: string; close: () => Promise<void> }> {
  const root = options.root ? `${normalize(options.root).replace(/\/$/, '')}/` : DIST;
  const headers = options.headers ?? { 'content-security-policy': STRICT_CSP };
  const server = createServer((req, res) => {
    const path = normalize(decodeURIComponent((req.url ?? '/').split('?')[0] ?? '/'));
    const file = join(root, path.endsWith('/') ? `${path}index.html` : path);
    if (!file.startsWith(root)) {
      res.writeHead(403).end();
      return;
    }
    readFile(file)
      .then((body) => {
        res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', ...headers });
        res.end(body);
      })
      .catch(() => res.writeHead(404).end());
  });
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${options.name ?? host}:${port}`,
    close: () => new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

/** A copy of dist/ in a temporary folder with extra files (path → text), as a deployment adds its own. */
export function copyDist(files: Record<string, string> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'aimm-dist-'));
  cpSync(DIST, dir, { recursive: true });
  for (const [path, text] of Object.entries(files)) writeTo(dir, path, text);
  return dir;
}

/** Writes a file below dir, creating its folders. */
export function writeTo(dir: string, path: string, text: string): void {
  const file = join(dir, path);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, text);
}
