/** Fills told apart by pattern as well as colour, so that charts read in grayscale print. */

export type PatternName = 'dark' | 'hatch' | 'dots' | 'light' | 'cross' | 'white';

const TILES: Record<PatternName, string> = {
  dark: '<rect width="8" height="8" fill="#1f3b57"/>',
  hatch:
    '<rect width="8" height="8" fill="#ffffff"/>' +
    '<path d="M-2,2 l4,-4 M0,8 l8,-8 M6,10 l4,-4" stroke="#b2182b" stroke-width="2"/>',
  dots: '<rect width="8" height="8" fill="#ffffff"/><circle cx="4" cy="4" r="1.6" fill="#2166ac"/>',
  light: '<rect width="8" height="8" fill="#c9c9c9"/>',
  cross:
    '<rect width="8" height="8" fill="#ffffff"/>' +
    '<path d="M0,0 l8,8 M8,0 l-8,8" stroke="#4d4d4d" stroke-width="1.2"/>',
  white: '<rect width="8" height="8" fill="#ffffff"/>',
};

/** `url(#<prefix>-<name>)`, the fill that refers to a pattern of this chart. */
export function patternFill(prefix: string, name: PatternName): string {
  return `url(#${prefix}-${name})`;
}

/** `<defs>` holding the named patterns, with ids unique to the chart (`<prefix>-<name>`). */
export function patternDefs(prefix: string, names: readonly PatternName[]): string {
  const patterns = [...new Set(names)].map(
    (name) =>
      `<pattern id="${prefix}-${name}" width="8" height="8" patternUnits="userSpaceOnUse">${TILES[name]}</pattern>`,
  );
  return `<defs>${patterns.join('')}</defs>`;
}
