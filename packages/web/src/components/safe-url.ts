/**
 * Allows only URLs that are safe as an image source: same-origin paths, http(s), and image
 * data:/blob: URLs. Anything else (javascript:, other schemes) gives undefined.
 *
 * @example
 * safeImageUrl('/api/projects/1/media/2') // '/api/projects/1/media/2'
 * safeImageUrl('javascript:alert(1)')     // undefined
 */
export function safeImageUrl(v: unknown): string | undefined {
  if (typeof v !== 'string') return undefined;
  const s = v.trim();
  if (/^data:image\/(?:png|jpe?g|gif|webp|bmp|svg\+xml|avif)[;,]/i.test(s)) return s;
  if (/^blob:/i.test(s)) return s;
  if (/^https?:\/\//i.test(s)) return s;
  if (s.startsWith('/') && !s.startsWith('//')) return s;
  return undefined;
}
