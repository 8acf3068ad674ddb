// The kiosk screen's files from src/ui (or dist/src/ui after a build). Only plain file names
// under that directory are served; anything with .. or a slash-trick is a 404.
import { readFile } from 'node:fs/promises';
import { join, normalize, sep } from 'node:path';

const TYPES: Record<string, string> = {
  html: 'text/html; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
  css: 'text/css; charset=utf-8',
  svg: 'image/svg+xml',
  png: 'image/png',
  ico: 'image/x-icon',
  json: 'application/json',
  woff2: 'font/woff2',
};

export async function uiFile(uiDir: string, rel: string): Promise<{ type: string; data: Buffer } | undefined> {
  if (!/^[A-Za-z0-9._\/-]+$/.test(rel) || rel.split('/').some((p) => p === '..' || p === '' || p.startsWith('.'))) return undefined;
  const file = normalize(join(uiDir, rel));
  if (!file.startsWith(normalize(uiDir) + sep)) return undefined;
  const ext = rel.slice(rel.lastIndexOf('.') + 1).toLowerCase();
  const type = TYPES[ext];
  if (!type) return undefined;
  try {
    return { type, data: await readFile(file) };
  } catch {
    return undefined;
  }
}
