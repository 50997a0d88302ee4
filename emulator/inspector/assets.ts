import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { PACKAGE_ROOT } from '../packageInfo.js';

// The inspector's page, compiled scripts and stylesheet ship as files in the package's own
// emulator/inspector/assets (tsc copies no such files), found from the package's root whether the
// code runs from sources, dist/ or the CLI's bundle.
const DIR = path.join(PACKAGE_ROOT, 'emulator', 'inspector', 'assets');

export const ASSETS_DIR: string | undefined = existsSync(path.join(DIR, 'index.html')) ? DIR : undefined;

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
};

export interface Asset {
  type: string;
  content: Buffer;
}

const cache = new Map<string, Asset | null>();

/** A file of the assets folder by its plain name (no folders, no dot files), or undefined. */
export function asset(name: string): Asset | undefined {
  if (!/^[A-Za-z0-9][A-Za-z0-9_-]*\.(html|js|css)$/.test(name) || !ASSETS_DIR) return undefined;
  if (!cache.has(name)) {
    const file = path.join(ASSETS_DIR, name);
    const type = TYPES[path.extname(name)];
    cache.set(name, type && existsSync(file) ? { type, content: readFileSync(file) } : null);
  }
  return cache.get(name) ?? undefined;
}

/** The stylesheet, for pages that inline it (the scenario runner's timelines). */
export function inspectorCss(): string {
  return asset('style.css')?.content.toString('utf8') ?? '';
}
