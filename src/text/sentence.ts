/** Ends a text with a full stop unless it already ends a sentence (so "wording." never becomes "wording.."). */
export function sentence(text: string): string {
  return /[.!?…]["')\]]*$/.test(text.trimEnd()) ? text : `${text}.`;
}
