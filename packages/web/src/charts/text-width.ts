/**
 * A quick estimate of how wide a label is drawn, to size chart margins without measuring the
 * DOM: CJK and other wide characters take about one em, Latin text about 0.6 em.
 *
 * @example
 * textWidth('张伟', 12); // 24
 * textWidth('alice', 12); // 36
 */

const WIDE =
  /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u;

/** Estimated drawn width of `text` at `fontSize` px. */
export function textWidth(text: string, fontSize: number): number {
  let em = 0;
  for (const ch of text) em += WIDE.test(ch) || ch.codePointAt(0)! > 0xffff ? 1 : 0.6;
  return Math.ceil(em * fontSize);
}

/** `text` cut to fit `maxWidth` px, with an ellipsis when cut. */
export function fitText(text: string, fontSize: number, maxWidth: number): string {
  if (textWidth(text, fontSize) <= maxWidth) return text;
  const chars = [...text];
  while (chars.length > 1 && textWidth(`${chars.join('')}…`, fontSize) > maxWidth) chars.pop();
  return `${chars.join('')}…`;
}
