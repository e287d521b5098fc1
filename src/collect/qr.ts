import { encode } from 'uqr';

/**
 * A QR code drawn with half blocks, two modules per character cell (so a URL fits in about 20
 * rows). With colour, every cell is painted black on white explicitly, so the code scans on dark
 * and light terminals alike; without colour, dark modules are drawn as blocks, which scans on a
 * light background (the URL is printed beside it either way). Pure.
 */
export function drawQr(text: string, colour: boolean): string {
  const { data } = encode(text, { ecc: 'L', border: 2 });
  const dark = (y: number, x: number) => data[y]?.[x] === true;
  const lines: string[] = [];
  for (let y = 0; y < data.length; y += 2) {
    let line = '';
    for (let x = 0; x < data.length; x++) {
      const top = dark(y, x);
      const bottom = dark(y + 1, x);
      if (colour) line += `\x1b[${top ? 30 : 97};${bottom ? 40 : 107}m▀`;
      else line += top ? (bottom ? '█' : '▀') : bottom ? '▄' : ' ';
    }
    lines.push(colour ? `${line}\x1b[0m` : line);
  }
  return `${lines.join('\n')}\n`;
}
