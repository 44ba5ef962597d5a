import { describe, it, expect } from 'vitest';
import { safeImageUrl } from './safe-url.ts';

describe('safeImageUrl', () => {
  it('allows same-origin paths, http(s) and image data URLs', () => {
    expect(safeImageUrl('/api/projects/1/media/2')).toBe('/api/projects/1/media/2');
    expect(safeImageUrl('https://example.com/a.jpg')).toBe('https://example.com/a.jpg');
    expect(safeImageUrl('data:image/png;base64,AAAA')).toBe('data:image/png;base64,AAAA');
  });
  it('refuses script URLs, protocol-relative URLs and non-strings', () => {
    expect(safeImageUrl('javascript:alert(1)')).toBeUndefined();
    expect(safeImageUrl('//evil.example/x.png')).toBeUndefined();
    expect(safeImageUrl('data:text/html,<script>')).toBeUndefined();
    expect(safeImageUrl(42)).toBeUndefined();
  });
});
