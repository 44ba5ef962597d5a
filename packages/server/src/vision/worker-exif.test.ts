import { describe, expect, it } from 'vitest';
import sharp from 'sharp';
import { readExifGps } from './worker-exif.mjs';

const GPS = {
  GPSLatitudeRef: 'N',
  GPSLatitude: '39/1 54/1 2700/100',
  GPSLongitudeRef: 'E',
  GPSLongitude: '116/1 23/1 0/1',
};

async function jpegWithExif(exif: Record<string, Record<string, string>>): Promise<Buffer> {
  const img = sharp({ create: { width: 16, height: 8, channels: 3, background: '#808080' } });
  return img.jpeg().withExif(exif).toBuffer();
}

describe('readExifGps', () => {
  it('finds the GPS IFD and names its tags', async () => {
    const { exif } = await sharp(
      await jpegWithExif({ IFD0: { Make: 'Tessera' }, IFD3: GPS }),
    ).metadata();
    expect(readExifGps(exif!)).toEqual({
      present: true,
      tags: ['GPSLatitudeRef', 'GPSLatitude', 'GPSLongitudeRef', 'GPSLongitude'],
    });
  });

  it('says no GPS for EXIF without a GPS IFD', async () => {
    const { exif } = await sharp(await jpegWithExif({ IFD0: { Make: 'Tessera' } })).metadata();
    expect(exif).toBeDefined();
    expect(readExifGps(exif!)).toEqual({ present: false, tags: [] });
  });

  it('reads garbage and truncated blocks as "no GPS" without throwing', async () => {
    const { exif } = await sharp(await jpegWithExif({ IFD3: GPS })).metadata();
    for (let n = 0; n < exif!.length; n += 7) {
      expect(() => readExifGps(exif!.subarray(0, n))).not.toThrow();
    }
    expect(readExifGps(Buffer.from('Exif\0\0MM\0*\xff\xff\xff\xff', 'latin1')).present).toBe(false);
    expect(readExifGps(Buffer.from('nothing at all', 'latin1')).present).toBe(false);
  });
});
