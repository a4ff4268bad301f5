/** A light well-formedness check (tag nesting only), so a truncated or garbled feed is refused, not half-read. */

// A tag name ends only at whitespace, '/' or '>', no part of a tag runs past the next '<' (XML allows none
// there outside comments, CDATA and PIs), and an unterminated comment, CDATA section or PI ends the scan: so
// the pattern cannot backtrack over the same text many ways, and hostile feeds are checked in linear time.
const TOKEN =
  /<!--[\s\S]*?-->|<!\[CDATA\[[\s\S]*?\]\]>|<\?[\s\S]*?\?>|<!DOCTYPE[^<>]*>|<\/\s*([^\s<>]+)\s*>|<([^\s/<>!?"']+)(?=[\s/>])(?:"[^"]*"|'[^']*'|[^'"<>])*?(\/)?>|<!\[CDATA\[|<!--|<\?/gi;

// HTML void elements often appear unescaped in descriptions without a closing slash.
const VOID = new Set([
  'br',
  'img',
  'hr',
  'input',
  'meta',
  'source',
  'wbr',
  'area',
  'col',
  'embed',
  'param',
  'track',
]);

function lineOf(text: string, index: number): number {
  let line = 1;
  for (let i = 0; i < index; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

/** Null when tags nest properly, else a one-line reason: `line 12: </item> closes <title>`. */
export function xmlNestingProblem(xml: string): string | null {
  const stack: Array<{ name: string; index: number }> = [];
  TOKEN.lastIndex = 0;
  for (let match = TOKEN.exec(xml); match; match = TOKEN.exec(xml)) {
    const [token, closing, opening, selfClosing] = match;
    if (token === '<![CDATA[' || token === '<!--' || token === '<?')
      return `line ${lineOf(xml, match.index)}: unterminated ${token}`;
    if (closing) {
      if (VOID.has(closing.toLowerCase())) continue;
      const top = stack.pop();
      if (!top) return `line ${lineOf(xml, match.index)}: </${closing}> without an opening tag`;
      if (top.name !== closing) return `line ${lineOf(xml, match.index)}: </${closing}> closes <${top.name}>`;
    } else if (opening && !selfClosing && !VOID.has(opening.toLowerCase())) {
      stack.push({ name: opening, index: match.index });
    }
  }
  const open = stack.pop();
  return open ? `<${open.name}> opened on line ${lineOf(xml, open.index)} is not closed` : null;
}
