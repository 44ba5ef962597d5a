import { describe, expect, it } from 'vitest';
import { VisionError } from './vision-errors.ts';
import { checkImage, DEFAULT_VISION_LIMITS } from './vision-limits.ts';

/** A PNG signature and IHDR declaring `w`×`h`; no pixel data at all. */
function pngHeader(w: number, h: number): Uint8Array {
  const b = Buffer.alloc(33);
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]).copy(b, 0);
  b.writeUInt32BE(13, 8);
  b.write('IHDR', 12, 'latin1');
  b.writeUInt32BE(w, 16);
  b.writeUInt32BE(h, 20);
  b[24] = 8;
  b[25] = 2;
  return b;
}

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(VisionError);
    return (e as VisionError).code;
  }
  return undefined;
}

describe('checkImage', () => {
  it('refuses an image declaring 50,000×50,000 pixels, from the header alone', () => {
    let err: VisionError | undefined;
    try {
      checkImage(pngHeader(50_000, 50_000), DEFAULT_VISION_LIMITS);
    } catch (e) {
      err = e as VisionError;
    }
    expect(err?.code).toBe('image_too_large');
    expect(err?.status).toBe(422);
    expect(err?.message).toContain('50000×50000');
  });

  it('refuses one over-long side even under the pixel limit', () => {
    expect(codeOf(() => checkImage(pngHeader(40_000, 10), DEFAULT_VISION_LIMITS))).toBe(
      'image_too_large',
    );
  });

  it('accepts a normal header and returns the sniffed type', () => {
    expect(checkImage(pngHeader(800, 260), DEFAULT_VISION_LIMITS)).toMatchObject({
      mime: 'image/png',
      width: 800,
      height: 260,
    });
  });

  it('refuses types outside the allow-list, empty input, zero sizes and too many bytes', () => {
    const svg = new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg"/>');
    expect(codeOf(() => checkImage(svg, DEFAULT_VISION_LIMITS))).toBe('unsupported_media');
    expect(codeOf(() => checkImage(new Uint8Array(0), DEFAULT_VISION_LIMITS))).toBe('bad_request');
    expect(codeOf(() => checkImage(pngHeader(0, 10), DEFAULT_VISION_LIMITS))).toBe('bad_image');
    const small = { ...DEFAULT_VISION_LIMITS, maxBytes: 10 };
    expect(codeOf(() => checkImage(pngHeader(8, 8), small))).toBe('payload_too_large');
  });

  it('reads the declared size of a JPEG from its SOF marker', () => {
    // SOI, then SOF0 declaring 60000 rows × 60000 columns.
    const jpeg = Buffer.from([
      0xff, 0xd8, 0xff, 0xc0, 0x00, 0x11, 0x08, 0xea, 0x60, 0xea, 0x60, 0x03, 0, 0, 0, 0, 0, 0,
    ]);
    expect(codeOf(() => checkImage(jpeg, DEFAULT_VISION_LIMITS))).toBe('image_too_large');
  });
});
