import { describe, expect, it } from 'vitest';
import { parseXmlTree, XmlSyntaxError } from '../../src/interop/xml-tree.ts';

describe('parseXmlTree', () => {
  it('turns text elements into trimmed text and repeated elements into arrays', () => {
    const tree = parseXmlTree(
      '<?xml version="1.0"?><Project xmlns="x"><Name> Plan </Name><Tasks><Task><UID>1</UID></Task><Task><UID>2</UID></Task></Tasks></Project>',
    );
    expect(tree).toEqual({
      Project: { Name: 'Plan', Tasks: { Task: [{ UID: '1' }, { UID: '2' }] } },
    });
  });

  it('keeps a single child as an object, and an empty element as an empty string', () => {
    expect(parseXmlTree('<a><b><c>1</c></b><d/><e></e></a>')).toEqual({ a: { b: { c: '1' }, d: '', e: '' } });
  });

  it('decodes entities and CDATA and ignores attributes and comments', () => {
    expect(
      parseXmlTree('<a id="7"><!-- note --><n>R&amp;D &lt;1&gt;</n><m><![CDATA[x < y]]></m></a>'),
    ).toEqual({
      a: { n: 'R&D <1>', m: 'x < y' },
    });
  });

  it('names the line and column of the first syntax error', () => {
    const parse = () => parseXmlTree('<a>\n  <b>1</c>\n</a>');
    expect(parse).toThrow(XmlSyntaxError);
    try {
      parse();
    } catch (error) {
      expect((error as XmlSyntaxError).line).toBe(2);
      expect((error as Error).message).toMatch(/2:\d+/);
    }
  });

  it('rejects text after the root element', () => {
    expect(() => parseXmlTree('<a/>trailing')).toThrow(XmlSyntaxError);
  });
});
