// docs/capacity.md's generated block: the markers around the table `npm run capacity` prints, and how to replace it.
import path from 'node:path';

export const CAPACITY_DOC = path.resolve(import.meta.dirname, '../../docs/capacity.md');
export const BEGIN = '<!-- capacity:begin (npm run capacity -- --write) -->';
export const END = '<!-- capacity:end -->';

/** The doc's generated block (between its markers), or null when the markers are missing. */
export function docBlock(doc: string): string | null {
  const i = doc.indexOf(BEGIN);
  const j = doc.indexOf(END);
  return i < 0 || j < i ? null : doc.slice(i + BEGIN.length, j).replace(/^\n/, '');
}

/** The doc with its block replaced by `text`. */
export function withBlock(doc: string, text: string): string {
  if (docBlock(doc) === null) throw new Error(`${CAPACITY_DOC} has no ${BEGIN} … ${END} block`);
  return `${doc.slice(0, doc.indexOf(BEGIN) + BEGIN.length)}\n${text}${doc.slice(doc.indexOf(END))}`;
}
