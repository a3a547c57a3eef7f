// The editor registry covers every node kind of the core, and the palette, nodeTypes and icons all come from it.
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { NODE_KINDS } from '@/scenario/schema';
import { editorNodes, nodeTypes, PALETTE_KINDS } from './registry';

describe('editor registry', () => {
  it('has an entry for every kind and nothing else', () => {
    expect(Object.keys(editorNodes).sort()).toEqual([...NODE_KINDS].sort());
  });

  it.each(NODE_KINDS)('%s: has a canvas node, a form, an icon and colours', (kind) => {
    const e = editorNodes[kind];
    expect(e.Node).toBeTruthy();
    expect(e.Form).toBeTruthy();
    expect(e.colours.bar).toMatch(/^bg-/);
    expect(e.colours.minimap).toMatch(/^#[0-9a-f]{6}$/);
    expect(nodeTypes[kind]).toBe(e.Node);
  });

  it.each(NODE_KINDS)('%s: draws its icon as inline SVG, not a font glyph', (kind) => {
    const html = renderToStaticMarkup(createElement(editorNodes[kind].Icon, { className: 'h-4 w-4' }));
    expect(html).toMatch(/^<svg [^>]*viewBox="0 0 24 24"/);
    expect(html.replace(/<[^>]*>/g, '')).toBe('');
  });

  it('offers every kind on the palette, trigger last', () => {
    expect([...PALETTE_KINDS].sort()).toEqual([...NODE_KINDS].sort());
    expect(PALETTE_KINDS.at(-1)).toBe('trigger');
    expect(Object.keys(nodeTypes).sort()).toEqual([...NODE_KINDS].sort());
  });
});
