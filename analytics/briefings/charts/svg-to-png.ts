/** Charts as PNG for DOCX and files, with the DejaVu fonts loaded explicitly so Vietnamese diacritics render. */
import fs from 'node:fs';
import path from 'node:path';
import { Resvg } from '@resvg/resvg-js';

const FONT_DIRS = ['/usr/share/fonts/truetype/dejavu', '/usr/share/fonts/dejavu', '/usr/local/share/fonts'];
const FONT_FILES = ['DejaVuSans.ttf', 'DejaVuSans-Bold.ttf', 'DejaVuSerif.ttf', 'DejaVuSerif-Bold.ttf'];

let found: string[] | undefined;

/** DejaVu font files on this machine (Debian's fonts-dejavu-core); empty when none is installed. */
export function dejaVuFontFiles(dirs: readonly string[] = FONT_DIRS): string[] {
  if (dirs === FONT_DIRS && found) return found;
  const files: string[] = [];
  for (const name of FONT_FILES) {
    const file = dirs.map((dir) => path.join(dir, name)).find((f) => fs.existsSync(f));
    if (file) files.push(file);
  }
  if (dirs === FONT_DIRS) found = files;
  return files;
}

/**
 * Render an SVG to PNG at `scale` times its size (2 for print).
 * Without DejaVu installed, the system's fonts are used and Vietnamese may render with missing glyphs.
 */
export function svgToPng(svg: string, options: { scale?: number; fontFiles?: string[] } = {}): Buffer {
  const fontFiles = options.fontFiles ?? dejaVuFontFiles();
  const resvg = new Resvg(svg, {
    fitTo: { mode: 'zoom', value: options.scale ?? 2 },
    background: '#ffffff',
    font: {
      fontFiles,
      loadSystemFonts: fontFiles.length === 0,
      defaultFontFamily: 'DejaVu Sans',
      sansSerifFamily: 'DejaVu Sans',
      serifFamily: 'DejaVu Serif',
    },
    logLevel: 'off',
  });
  return resvg.render().asPng();
}
