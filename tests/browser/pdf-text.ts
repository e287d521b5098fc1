// The text of each page of a PDF that Chromium printed, for tests that check what ends up on
// which page. Just enough PDF for Skia's output: numbered objects, Flate streams, pages listed
// in the page tree, fonts with a ToUnicode CMap, text shown with Tj and TJ. Not a general parser.
import { inflateSync } from 'node:zlib';

interface PdfObject {
  dict: string;
  stream?: Buffer;
}

function objects(pdf: Buffer): Map<number, PdfObject> {
  const text = pdf.toString('latin1');
  const out = new Map<number, PdfObject>();
  const re = /(\d+) 0 obj\s*/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const start = m.index + m[0].length;
    const end = text.indexOf('endobj', start);
    const body = text.slice(start, end);
    const s = body.indexOf('stream');
    if (s < 0) out.set(Number(m[1]), { dict: body });
    else {
      const dict = body.slice(0, s);
      let from = start + s + 'stream'.length;
      if (text[from] === '\r') from++;
      if (text[from] === '\n') from++;
      const length = Number(/\/Length (\d+)/.exec(dict)?.[1] ?? 0);
      const raw = pdf.subarray(from, from + length);
      out.set(Number(m[1]), { dict, stream: /\/FlateDecode/.test(dict) ? inflateSync(raw) : raw });
    }
    re.lastIndex = end;
  }
  return out;
}

const ref = (dict: string, key: string) => {
  const m = new RegExp(`/${key} (\\d+) 0 R`).exec(dict);
  return m ? Number(m[1]) : undefined;
};

/** Glyph code (hex) → text, from a ToUnicode CMap. */
function toUnicode(cmap: string): Map<string, string> {
  const map = new Map<string, string>();
  const utf16 = (hex: string) => String.fromCharCode(...(hex.match(/.{4}/g) ?? []).map((h) => parseInt(h, 16)));
  for (const block of cmap.matchAll(/beginbfchar([\s\S]*?)endbfchar/g))
    for (const [, code, uni] of block[1]!.matchAll(/<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>/g))
      map.set(code!.toUpperCase(), utf16(uni!));
  for (const block of cmap.matchAll(/beginbfrange([\s\S]*?)endbfrange/g))
    for (const [, lo, hi, uni] of block[1]!.matchAll(/<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>/g)) {
      const width = lo!.length;
      for (let c = parseInt(lo!, 16), u = parseInt(uni!, 16); c <= parseInt(hi!, 16); c++, u++)
        map.set(c.toString(16).toUpperCase().padStart(width, '0'), String.fromCharCode(u));
    }
  return map;
}

/** The text of each page, in page order (glyphs in drawing order, which follows the document). */
export function pdfPageTexts(pdf: Buffer): string[] {
  const objs = objects(pdf);
  const catalog = [...objs.values()].find((o) => /\/Type \/Catalog/.test(o.dict))!;
  const pageIds: number[] = [];
  const walk = (id: number) => {
    const o = objs.get(id)!;
    if (/\/Type \/Pages/.test(o.dict))
      for (const [, kid] of /\/Kids \[([^\]]*)\]/.exec(o.dict)![1]!.matchAll(/(\d+) 0 R/g)) walk(Number(kid));
    else pageIds.push(id);
  };
  walk(ref(catalog.dict, 'Pages')!);
  const cmaps = new Map<number, Map<string, string>>();
  return pageIds.map((id) => {
    const page = objs.get(id)!.dict;
    const fonts = new Map<string, Map<string, string>>();
    const fontDict = /\/Font <<([^>]*)>>/.exec(page)?.[1] ?? '';
    for (const [, name, fid] of fontDict.matchAll(/\/(\w+) (\d+) 0 R/g)) {
      const font = objs.get(Number(fid))!.dict;
      const tu = ref(font, 'ToUnicode');
      if (tu !== undefined && !cmaps.has(tu)) cmaps.set(tu, toUnicode(objs.get(tu)!.stream!.toString('latin1')));
      fonts.set(name!, tu === undefined ? new Map() : cmaps.get(tu)!);
    }
    const contents = /\/Contents \[([^\]]*)\]/.exec(page)?.[1]?.match(/\d+(?= 0 R)/g) ?? [
      String(ref(page, 'Contents')),
    ];
    const ops = contents.map((c) => objs.get(Number(c))!.stream!.toString('latin1')).join('\n');
    let font = new Map<string, string>();
    let text = '';
    for (const m of ops.matchAll(/\/(\w+) [\d.]+ Tf|(<[0-9A-Fa-f]*>|\[[^\]]*\])\s*T[jJ]/g)) {
      if (m[1]) font = fonts.get(m[1]) ?? new Map();
      else
        for (const [, hex] of m[2]!.matchAll(/<([0-9A-Fa-f]*)>/g)) {
          const width = [...font.keys()][0]?.length ?? 4;
          for (let i = 0; i < hex!.length; i += width) text += font.get(hex!.slice(i, i + width).toUpperCase()) ?? '';
        }
    }
    return text;
  });
}

/** Text with all white space removed and ligatures (ﬁ, ﬀ) spelled out, for finding wrapped text in a page's glyphs. */
export const squash = (s: string): string => s.normalize('NFKC').replace(/\s+/g, '');
