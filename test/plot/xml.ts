/**
 * A small, strict XML well-formedness checker and tree reader for the SVG tests (no dependency): one root
 * element, balanced tags, quoted and unique attributes, only the five predefined entities and character
 * references, no characters XML 1.0 forbids. Enough for documents without a DTD, which is what the plot
 * module writes.
 */

export interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  /** The decoded text directly inside the element (children's text not included). */
  text: string;
}

const NAME = /^[A-Za-z_:][A-Za-z0-9_.:-]*/;
const ENTITY = /&(?:(amp|lt|gt|quot|apos)|#([0-9]+)|#x([0-9A-Fa-f]+));/y;
const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
// eslint-disable-next-line no-control-regex
const FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export class XmlError extends Error {
  override name = 'XmlError';
}

function decode(raw: string, at: number): string {
  let out = '';
  for (let i = 0; i < raw.length; ) {
    const amp = raw.indexOf('&', i);
    if (amp < 0) {
      out += raw.slice(i);
      break;
    }
    out += raw.slice(i, amp);
    ENTITY.lastIndex = amp;
    const m = ENTITY.exec(raw);
    if (!m) throw new XmlError(`bad entity reference at ${at + amp}: ${JSON.stringify(raw.slice(amp, amp + 12))}`);
    if (m[1]) out += NAMED[m[1]];
    else {
      const code = m[2] !== undefined ? Number(m[2]) : parseInt(m[3] as string, 16);
      if (code === 0 || code > 0x10ffff) throw new XmlError(`bad character reference at ${at + amp}`);
      out += String.fromCodePoint(code);
    }
    i = amp + m[0].length;
  }
  return out;
}

/** Parses `source` (throws an XmlError naming the problem and its offset when it is not well-formed). */
export function parseXml(source: string): XmlElement {
  const bad = FORBIDDEN.exec(source);
  if (bad) throw new XmlError(`character U+${bad[0].charCodeAt(0).toString(16)} is not allowed in XML (at ${bad.index})`);
  let i = 0;
  if (source.startsWith('<?xml')) {
    const end = source.indexOf('?>');
    if (end < 0) throw new XmlError('unterminated XML declaration');
    if (!/^<\?xml\s+version="1\.[0-9]"(\s+encoding="[A-Za-z0-9._-]+")?(\s+standalone="(yes|no)")?\s*\?>$/.test(source.slice(0, end + 2))) {
      throw new XmlError('malformed XML declaration');
    }
    i = end + 2;
  }
  const stack: XmlElement[] = [];
  let root: XmlElement | null = null;
  while (i < source.length) {
    const lt = source.indexOf('<', i);
    const textEnd = lt < 0 ? source.length : lt;
    const raw = source.slice(i, textEnd);
    if (raw.length > 0) {
      if (raw.includes(']]>')) throw new XmlError(`"]]>" in text at ${i}`);
      const text = decode(raw, i);
      const parent = stack[stack.length - 1];
      if (parent) parent.text += text;
      else if (text.trim() !== '') throw new XmlError(`text outside the root element at ${i}`);
    }
    if (lt < 0) break;
    i = lt;
    if (source.startsWith('<!--', i)) {
      const end = source.indexOf('-->', i + 4);
      if (end < 0 || source.slice(i + 4, end).includes('--')) throw new XmlError(`bad comment at ${i}`);
      i = end + 3;
      continue;
    }
    if (source.startsWith('<![CDATA[', i)) {
      if (stack.length === 0) throw new XmlError(`CDATA outside the root element at ${i}`);
      const end = source.indexOf(']]>', i);
      if (end < 0) throw new XmlError(`unterminated CDATA at ${i}`);
      (stack[stack.length - 1] as XmlElement).text += source.slice(i + 9, end);
      i = end + 3;
      continue;
    }
    if (source.startsWith('<!', i) || source.startsWith('<?', i)) throw new XmlError(`unexpected markup declaration or processing instruction at ${i}`);
    if (source.startsWith('</', i)) {
      const name = NAME.exec(source.slice(i + 2))?.[0];
      const close = source.indexOf('>', i);
      if (!name || close < 0 || source.slice(i + 2 + name.length, close).trim() !== '') throw new XmlError(`malformed end tag at ${i}`);
      const open = stack.pop();
      if (!open || open.name !== name) throw new XmlError(`</${name}> at ${i} closes <${open?.name ?? 'nothing'}>`);
      i = close + 1;
      continue;
    }
    const name = NAME.exec(source.slice(i + 1))?.[0];
    if (!name) throw new XmlError(`malformed start tag at ${i}`);
    let j = i + 1 + name.length;
    const element: XmlElement = { name, attributes: {}, children: [], text: '' };
    let selfClosing = false;
    for (;;) {
      const space = /^\s*/.exec(source.slice(j))?.[0].length ?? 0;
      j += space;
      if (source.startsWith('/>', j)) {
        selfClosing = true;
        j += 2;
        break;
      }
      if (source[j] === '>') {
        j += 1;
        break;
      }
      if (space === 0) throw new XmlError(`attributes of <${name}> at ${j} need white space between them`);
      const attribute = NAME.exec(source.slice(j))?.[0];
      if (!attribute) throw new XmlError(`malformed attribute in <${name}> at ${j}`);
      j += attribute.length;
      const eq = /^\s*=\s*/.exec(source.slice(j))?.[0];
      if (!eq) throw new XmlError(`attribute ${attribute} of <${name}> has no value (at ${j})`);
      j += eq.length;
      const quote = source[j];
      if (quote !== '"' && quote !== "'") throw new XmlError(`attribute ${attribute} of <${name}> is not quoted (at ${j})`);
      const end = source.indexOf(quote, j + 1);
      if (end < 0) throw new XmlError(`unterminated attribute ${attribute} at ${j}`);
      const value = source.slice(j + 1, end);
      if (value.includes('<')) throw new XmlError(`"<" in attribute ${attribute} at ${j}`);
      if (attribute in element.attributes) throw new XmlError(`duplicate attribute ${attribute} in <${name}>`);
      element.attributes[attribute] = decode(value, j + 1);
      j = end + 1;
    }
    const parent = stack[stack.length - 1];
    if (parent) parent.children.push(element);
    else if (root) throw new XmlError(`second root element <${name}> at ${i}`);
    else root = element;
    if (!selfClosing) stack.push(element);
    i = j;
  }
  if (stack.length > 0) throw new XmlError(`<${(stack[stack.length - 1] as XmlElement).name}> is never closed`);
  if (!root) throw new XmlError('no root element');
  return root;
}

/** Every element of the tree, depth first. */
export function elements(root: XmlElement): XmlElement[] {
  const out: XmlElement[] = [];
  const walk = (e: XmlElement) => {
    out.push(e);
    e.children.forEach(walk);
  };
  walk(root);
  return out;
}

/** The text of an element and all its descendants. */
export function textOf(e: XmlElement): string {
  return e.text + e.children.map(textOf).join('');
}
