/** Parse untrusted HTML or XML into a cheerio document, in time linear in its length however deep it nests. */
import { load, type CheerioAPI } from 'cheerio/slim';
import { DomHandler, type DomHandlerOptions } from 'domhandler';
import { Parser, type ParserOptions } from 'htmlparser2';

/** Elements opened deeper than this become empty, their content going to the element above (as in Chromium). */
export const MAX_DEPTH = 512;

class DepthHandler extends DomHandler {
  get depth(): number {
    return this.tagStack.length - 1;
  }
}

/**
 * htmlparser2 keeps its open elements in an array it grows with `unshift` and searches with `indexOf`, so its
 * time grows with the square of the nesting depth (200,000 nested `<div>`: a minute). Past MAX_DEPTH an
 * opened element is treated as void, so the open-element stack never grows beyond it.
 */
class DepthCappedParser extends Parser {
  private capped = false;
  private closing = false;

  constructor(
    private readonly dom: DepthHandler,
    options: ParserOptions,
  ) {
    super(dom, options);
  }

  override onopentagname(start: number, endIndex: number): void {
    this.capped = this.dom.depth >= MAX_DEPTH;
    super.onopentagname(start, endIndex);
  }

  override onclosetag(start: number, endIndex: number): void {
    this.closing = true;
    try {
      super.onclosetag(start, endIndex);
    } finally {
      this.closing = false;
    }
  }

  protected override isVoidElement(name: string): boolean {
    return super.isVoidElement(name) || (this.capped && !this.closing);
  }
}

function parse(markup: string, options: ParserOptions & DomHandlerOptions) {
  const dom = new DepthHandler(undefined, options);
  new DepthCappedParser(dom, options).end(markup);
  return dom.root;
}

/**
 * HTML through htmlparser2 rather than cheerio's default parse5, which takes quadratic time on long flat
 * fragments (`'<p>a'.repeat(96000)`: 13 s) and deep nesting. It adds no `<html>`, `<head>` or `<body>` the page
 * did not write. `loadHtml('<p>Một</p>')('p').text()` → `'Một'`
 */
export function loadHtml(html: string): CheerioAPI {
  return load(parse(html, {}));
}

/** XML (feeds), each node carrying its start and end offsets in `xml`. */
export function loadXml(xml: string): CheerioAPI {
  const options = { xmlMode: true, withStartIndices: true, withEndIndices: true };
  return load(parse(xml, options), { xml: options });
}
