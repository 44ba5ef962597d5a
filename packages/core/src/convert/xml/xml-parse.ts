import { ConvertError } from '../errors.ts';

/**
 * A small, safe XML parser for labeling configs and Pascal VOC files: elements, attributes
 * (double or single quoted), self-closing tags, text, CDATA, comments, the five predefined
 * entities and character references. It refuses DOCTYPE and ENTITY declarations outright, so
 * there is no external-entity (XXE) or entity-expansion ("billion laughs") attack surface, and
 * it caps nesting depth and element count. Positions are 1-based line and column.
 */

/** Text inside an element (entities decoded). */
export type XmlText = { kind: 'text'; text: string; line: number; column: number };

/** An element with its attributes (in source order, names as written) and children. */
export type XmlElement = {
  kind: 'element';
  name: string;
  attributes: Record<string, string>;
  children: XmlNode[];
  line: number;
  column: number;
};

/** A child of an element. */
export type XmlNode = XmlElement | XmlText;

/** Limits that keep a hostile document from exhausting memory or the stack. */
const MAX_DEPTH = 256;
const MAX_ELEMENTS = 200_000;

const NAME = /[A-Za-z_:][-A-Za-z0-9_:.]*/y;
const PREDEFINED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

class Cursor {
  pos = 0;
  private readonly lineStarts: number[] = [0];
  elements = 0;

  constructor(
    readonly text: string,
    readonly source: string,
  ) {
    for (let i = 0; i < text.length; i++)
      if (text.charCodeAt(i) === 10) this.lineStarts.push(i + 1);
  }

  lineCol(pos = this.pos): { line: number; column: number } {
    let lo = 0;
    let hi = this.lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((this.lineStarts[mid] ?? 0) <= pos) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: pos - (this.lineStarts[lo] ?? 0) + 1 };
  }

  fail(what: string, pos = this.pos): never {
    throw new ConvertError({ source: this.source, ...this.lineCol(pos) }, what);
  }

  startsWith(s: string): boolean {
    return this.text.startsWith(s, this.pos);
  }

  skipSpace(): void {
    while (this.pos < this.text.length && /\s/.test(this.text[this.pos] ?? '')) this.pos++;
  }

  name(what: string): string {
    NAME.lastIndex = this.pos;
    const m = NAME.exec(this.text);
    if (!m) this.fail(`expected ${what}`);
    this.pos += m[0].length;
    return m[0];
  }

  /** Skips up to and past `end`, failing with `what` if it never comes. */
  skipPast(end: string, what: string): string {
    const at = this.text.indexOf(end, this.pos);
    if (at < 0) this.fail(what);
    const body = this.text.slice(this.pos, at);
    this.pos = at + end.length;
    return body;
  }
}

function decodeEntities(raw: string, cur: Cursor, start: number): string {
  return raw.replace(/&([^;&\s]{0,32});?/g, (whole, name: string, offset: number) => {
    const at = start + offset;
    if (!whole.endsWith(';'))
      cur.fail('"&" must start an entity such as &amp; (end it with ";")', at);
    if (name in PREDEFINED) return PREDEFINED[name] ?? '';
    const m = /^#(?:x([0-9A-Fa-f]{1,6})|([0-9]{1,7}))$/.exec(name);
    const code = m ? parseInt(m[1] ?? m[2] ?? '', m[1] ? 16 : 10) : NaN;
    if (!m)
      cur.fail(
        `unknown entity &${name}; (only &lt; &gt; &amp; &quot; &apos; and &#...; are allowed)`,
        at,
      );
    if (code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff) || code === 0) {
      cur.fail(`&${name}; is not a valid character`, at);
    }
    return String.fromCodePoint(code);
  });
}

function parseAttributes(cur: Cursor): {
  attributes: Record<string, string>;
  selfClosing: boolean;
} {
  const attributes: Record<string, string> = Object.create(null) as Record<string, string>;
  for (;;) {
    const before = cur.pos;
    cur.skipSpace();
    if (cur.startsWith('/>')) {
      cur.pos += 2;
      return { attributes, selfClosing: true };
    }
    if (cur.startsWith('>')) {
      cur.pos += 1;
      return { attributes, selfClosing: false };
    }
    if (cur.pos >= cur.text.length) cur.fail('unexpected end of input inside a tag');
    if (cur.pos === before) cur.fail('expected white space between attributes');
    const at = cur.pos;
    const name = cur.name('an attribute name');
    if (Object.hasOwn(attributes, name)) cur.fail(`attribute "${name}" appears twice`, at);
    cur.skipSpace();
    if (!cur.startsWith('=')) cur.fail(`attribute "${name}" needs a value (name="value")`);
    cur.pos++;
    cur.skipSpace();
    const quote = cur.text[cur.pos];
    if (quote !== '"' && quote !== "'") cur.fail(`the value of attribute "${name}" must be quoted`);
    cur.pos++;
    const valueStart = cur.pos;
    const raw = cur.skipPast(quote, `attribute "${name}" is not closed by ${quote}`);
    if (raw.includes('<'))
      cur.fail(`"<" is not allowed in attribute "${name}" (write &lt;)`, valueStart);
    attributes[name] = decodeEntities(raw, cur, valueStart);
  }
}

/** Comments, processing instructions and declarations between nodes; refuses DTDs. */
function skipMisc(cur: Cursor): boolean {
  if (cur.startsWith('<!--')) {
    const start = cur.pos;
    cur.pos += 4;
    const body = cur.skipPast('-->', 'comment is not closed by -->');
    if (body.includes('--')) cur.fail('"--" is not allowed inside a comment', start);
    return true;
  }
  if (cur.startsWith('<?')) {
    cur.skipPast('?>', 'processing instruction is not closed by ?>');
    return true;
  }
  if (/^<!(DOCTYPE|ENTITY|ELEMENT|ATTLIST)/i.test(cur.text.slice(cur.pos, cur.pos + 10))) {
    cur.fail(
      'DOCTYPE and ENTITY declarations are not allowed (they enable XXE and entity expansion)',
    );
  }
  return false;
}

function parseElement(cur: Cursor, depth: number): XmlElement {
  if (depth > MAX_DEPTH) cur.fail(`elements are nested deeper than ${MAX_DEPTH} levels`);
  if (++cur.elements > MAX_ELEMENTS) cur.fail(`more than ${MAX_ELEMENTS} elements`);
  const { line, column } = cur.lineCol();
  cur.pos++; // '<'
  const name = cur.name('an element name');
  const { attributes, selfClosing } = parseAttributes(cur);
  const element: XmlElement = { kind: 'element', name, attributes, children: [], line, column };
  if (!selfClosing) parseContent(cur, element, depth);
  return element;
}

function parseContent(cur: Cursor, parent: XmlElement, depth: number): void {
  for (;;) {
    if (cur.pos >= cur.text.length) {
      cur.fail(
        `<${parent.name}> opened at line ${parent.line}, column ${parent.column} is never closed`,
      );
    }
    if (cur.startsWith('</')) {
      const at = cur.pos;
      cur.pos += 2;
      const name = cur.name('a closing tag name');
      cur.skipSpace();
      if (!cur.startsWith('>')) cur.fail(`expected ">" to end </${name}`);
      cur.pos++;
      if (name !== parent.name) {
        cur.fail(
          `</${name}> does not match <${parent.name}> opened at line ${parent.line}, column ${parent.column}`,
          at,
        );
      }
      return;
    }
    if (cur.startsWith('<![CDATA[')) {
      const { line, column } = cur.lineCol();
      cur.pos += 9;
      const text = cur.skipPast(']]>', 'CDATA section is not closed by ]]>');
      parent.children.push({ kind: 'text', text, line, column });
    } else if (skipMisc(cur)) {
      continue;
    } else if (cur.startsWith('<')) {
      parent.children.push(parseElement(cur, depth + 1));
    } else {
      const start = cur.pos;
      const { line, column } = cur.lineCol();
      const end = cur.text.indexOf('<', cur.pos);
      cur.pos = end < 0 ? cur.text.length : end;
      const raw = cur.text.slice(start, cur.pos);
      parent.children.push({ kind: 'text', text: decodeEntities(raw, cur, start), line, column });
    }
  }
}

/**
 * Parses an XML document into its root element. Throws a `ConvertError` with line and column
 * for malformed input and for any DOCTYPE or ENTITY declaration.
 *
 * @example
 * const root = parseXml('<View><Text name="t" value="$text"/></View>', 'config');
 * root.children[0]; // { kind: 'element', name: 'Text', attributes: { name: 't', value: '$text' }, ... }
 */
export function parseXml(text: string, source = 'XML'): XmlElement {
  const cur = new Cursor(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text, source);
  let root: XmlElement | undefined;
  for (;;) {
    cur.skipSpace();
    if (cur.pos >= cur.text.length) break;
    if (skipMisc(cur)) continue;
    if (!cur.startsWith('<') || cur.startsWith('</')) cur.fail('expected an element');
    if (root) cur.fail('only one root element is allowed');
    root = parseElement(cur, 0);
  }
  if (!root) return cur.fail('the document has no element');
  return root;
}

/**
 * The element children of an element (text and comments left out).
 *
 * @example
 * childElements(parseXml('<a><b/>x<c/></a>')).map((e) => e.name); // ['b', 'c']
 */
export function childElements(element: XmlElement): XmlElement[] {
  return element.children.filter((c): c is XmlElement => c.kind === 'element');
}

/**
 * The text of an element and its descendants, concatenated.
 *
 * @example
 * textContent(parseXml('<a> x <b>y</b></a>')); // ' x y'
 */
export function textContent(element: XmlElement): string {
  return element.children.map((c) => (c.kind === 'text' ? c.text : textContent(c))).join('');
}
