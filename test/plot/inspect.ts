/** Reads back what the SVG tests assert on: the document's size, its coordinates, curve and labels. */
import { elements, parseXml, textOf, type XmlElement } from './xml.js';

export interface Point {
  x: number;
  y: number;
}

export interface Chart {
  root: XmlElement;
  width: number;
  height: number;
  /** The curve's pieces (each a polyline), in document order. */
  pieces: Point[][];
  /** Points drawn as circles. */
  dots: Point[];
  rateTicks: { label: string; y: number }[];
  stepTicks: { label: string; x: number }[];
  /** All text of the header (title, info, subtitle, note). */
  header: string;
  note: string | null;
  /** Every number written in a coordinate attribute or path, as written. */
  numbers: string[];
  /** Every point of every path, line, circle, rect and text. */
  coordinates: Point[];
}

const COORDINATE_ATTRIBUTES = ['x', 'y', 'x1', 'y1', 'x2', 'y2', 'cx', 'cy', 'width', 'height', 'r'];

/** The absolute points of a path's data (M, L, H, V, Z only: what the plot module writes). */
export function pathPoints(d: string, numbers: string[] = []): Point[][] {
  const tokens = d.match(/[MLHVZ]|-?[0-9.]+(?:e[-+]?[0-9]+)?|[^\s,]/g) ?? [];
  const pieces: Point[][] = [];
  let piece: Point[] = [];
  let x = 0;
  let y = 0;
  let command = '';
  const read = (i: number) => {
    const token = tokens[i];
    if (token === undefined || !/^-?[0-9.]/.test(token)) throw new Error(`path: number expected at token ${i} of ${JSON.stringify(d.slice(0, 80))}`);
    numbers.push(token);
    return Number(token);
  };
  for (let i = 0; i < tokens.length; ) {
    const token = tokens[i] as string;
    if (/^[MLHVZ]$/.test(token)) {
      command = token;
      i++;
      if (command === 'Z') continue;
    } else if (command === '' || command === 'Z') throw new Error(`path: unexpected ${token}`);
    if (command === 'M') {
      if (piece.length > 0) pieces.push(piece);
      x = read(i);
      y = read(i + 1);
      i += 2;
      piece = [{ x, y }];
      command = 'L';
    } else if (command === 'L') {
      x = read(i);
      y = read(i + 1);
      i += 2;
      piece.push({ x, y });
    } else if (command === 'H') {
      x = read(i++);
      piece.push({ x, y });
    } else if (command === 'V') {
      y = read(i++);
      piece.push({ x, y });
    } else throw new Error(`path: unknown command ${command}`);
  }
  if (piece.length > 0) pieces.push(piece);
  return pieces;
}

function number(value: string | undefined): number {
  return Number(value);
}

export function inspect(svg: string): Chart {
  const root = parseXml(svg);
  const all = elements(root);
  const byClass = (cls: string) => all.filter((e) => e.attributes.class === cls);
  const numbers: string[] = [];
  const coordinates: Point[] = [];
  for (const e of all) {
    if (e === root) continue;
    for (const a of COORDINATE_ATTRIBUTES) {
      const value = e.attributes[a];
      if (value !== undefined) numbers.push(value);
    }
    const at = (xa: string, ya: string) => {
      if (e.attributes[xa] !== undefined && e.attributes[ya] !== undefined) coordinates.push({ x: number(e.attributes[xa]), y: number(e.attributes[ya]) });
    };
    at('x', 'y');
    at('x1', 'y1');
    at('x2', 'y2');
    at('cx', 'cy');
    if (e.name === 'rect') coordinates.push({ x: number(e.attributes.x) + number(e.attributes.width), y: number(e.attributes.y) + number(e.attributes.height) });
    if (e.name === 'path') for (const piece of pathPoints(e.attributes.d ?? '', numbers)) coordinates.push(...piece);
    const transform = e.attributes.transform;
    if (transform !== undefined) {
      const m = /^rotate\((-?[0-9.]+) (-?[0-9.]+) (-?[0-9.]+)\)$/.exec(transform);
      if (!m) throw new Error(`unexpected transform ${transform}`);
      numbers.push(m[2] as string, m[3] as string);
    }
  }
  const curve = byClass('lr-curve')[0];
  const note = byClass('lr-note')[0];
  const texts = (cls: string) => byClass(cls)[0]?.children ?? [];
  return {
    root,
    width: number(root.attributes.width),
    height: number(root.attributes.height),
    pieces: curve ? pathPoints(curve.attributes.d ?? '') : [],
    dots: (byClass('lr-points')[0]?.children ?? []).map((c) => ({ x: number(c.attributes.cx), y: number(c.attributes.cy) })),
    rateTicks: texts('lr-rate-ticks').map((t) => ({ label: textOf(t), y: number(t.attributes.y) - 4 })),
    stepTicks: texts('lr-step-ticks').map((t) => ({ label: textOf(t), x: number(t.attributes.x) })),
    header: textOf(byClass('lr-header')[0] ?? root),
    note: note ? textOf(note) : null,
    numbers,
    coordinates,
  };
}

/** The y of the highest and lowest point drawn in [x0, x1] (SVG y grows downwards: highest = smallest y). */
export function extremesIn(pieces: Point[][], x0: number, x1: number): { top: number; bottom: number } {
  let top = Infinity;
  let bottom = -Infinity;
  for (const piece of pieces) {
    for (const p of piece) {
      if (p.x < x0 || p.x > x1) continue;
      top = Math.min(top, p.y);
      bottom = Math.max(bottom, p.y);
    }
  }
  return { top, bottom };
}
