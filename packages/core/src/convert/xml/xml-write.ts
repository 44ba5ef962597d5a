/**
 * Escaping for XML text and attribute values, for the writers (Pascal VOC, Label Studio
 * labeling configs). Characters XML 1.0 cannot carry at all (most C0 controls, lone
 * surrogates) are refused rather than written into a file no parser accepts.
 */

/**
 * Escapes text for an XML attribute value in double quotes or element content. Throws a
 * RangeError for a character XML 1.0 cannot hold.
 *
 * @example
 * escapeXml('a < b & "c"'); // 'a &lt; b &amp; &quot;c&quot;'
 */
export function escapeXml(s: string): string {
  // With the u flag a well-formed surrogate pair is one code point, so only lone halves match.
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  const bad = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF\uD800-\uDFFF]/u.exec(s);
  if (bad) {
    const code = bad[0].codePointAt(0)?.toString(16).toUpperCase().padStart(4, '0');
    throw new RangeError(`U+${code} cannot be written in XML`);
  }
  return s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/\r/g, '&#13;')
    .replace(/\n/g, '&#10;')
    .replace(/\t/g, '&#9;');
}
