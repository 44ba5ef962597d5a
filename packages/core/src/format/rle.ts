/**
 * COCO run-length encoding: a mask of `height × width` pixels read column by column
 * (Fortran order), as alternating runs of 0s and 1s starting with 0s. `counts` is either the
 * list of run lengths or COCO's compact string form (`pycocotools` `frString`). Decoding the
 * string lets validation check that the runs cover exactly the image.
 */

/** COCO's string alphabet starts at '0' (48) and carries 6 bits per character. */
const OFFSET = 48;
/** Ten 5-bit groups are 50 bits: still exact in a double, far beyond any real run. */
const MAX_GROUPS = 10;

/**
 * Decodes COCO's compact RLE string into run lengths; `undefined` if the string is not valid
 * (a character outside '0'..'o', a number cut short, a negative run).
 *
 * @example
 * decodeRleString('345'); // [3, 4, 5]
 * decodeRleString('Xo0X6`jZ9'); // [1000, 200, 306000]
 */
export function decodeRleString(s: string): number[] | undefined {
  const counts: number[] = [];
  let p = 0;
  while (p < s.length) {
    let x = 0;
    let k = 0;
    let more = true;
    while (more) {
      if (p >= s.length || k >= MAX_GROUPS) return undefined;
      const c = s.charCodeAt(p) - OFFSET;
      if (c < 0 || c > 63) return undefined;
      // Multiplication, not shifts: JavaScript shifts are 32-bit and runs can be longer.
      x += (c & 0x1f) * 32 ** k;
      more = (c & 0x20) !== 0;
      p++;
      k++;
      if (!more && (c & 0x10) !== 0) x -= 32 ** k; // sign extension of the last group
    }
    const m = counts.length;
    // COCO stores runs after the second as differences from the run two places back.
    if (m > 2) x += counts[m - 2] ?? 0;
    if (x < 0) return undefined;
    counts.push(x);
  }
  return counts;
}

/**
 * Encodes run lengths in COCO's compact string form (the inverse of `decodeRleString`).
 *
 * @example
 * decodeRleString(encodeRleString([3, 4, 5])); // [3, 4, 5]
 */
export function encodeRleString(counts: readonly number[]): string {
  let out = '';
  counts.forEach((count, m) => {
    let x = m > 2 ? count - (counts[m - 2] ?? 0) : count;
    let more = true;
    while (more) {
      let c = ((x % 32) + 32) % 32; // low 5 bits, also for negative differences
      x = Math.floor(x / 32); // an arithmetic shift by 5 that does not wrap at 32 bits
      more = c & 0x10 ? x !== -1 : x !== 0;
      if (more) c |= 0x20;
      out += String.fromCharCode(c + OFFSET);
    }
  });
  return out;
}

/**
 * Total number of pixels the runs cover, or `undefined` if `counts` is an invalid string.
 *
 * @example
 * rlePixelCount([2, 3, 1]); // 6
 */
export function rlePixelCount(counts: readonly number[] | string): number | undefined {
  const runs = typeof counts === 'string' ? decodeRleString(counts) : counts;
  return runs?.reduce((a, b) => a + b, 0);
}
