/** Wraps text into lines of at most `width` characters (long words are kept whole). */
export function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines.length ? lines : [''];
}

/** Wraps text with a first-line prefix and a hanging indent for the following lines. */
export function hang(text: string, width: number, first: string, rest = ' '.repeat(first.length)): string[] {
  return wrap(text, Math.max(20, width - first.length)).map((l, i) => (i === 0 ? first : rest) + l);
}
