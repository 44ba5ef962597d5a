// Reads whether an EXIF block carries GPS data: the GPSInfo pointer (tag 0x8825) in IFD0 and
// the tags of the GPS IFD it points at. Plain JavaScript so the vision worker can load it;
// bounds-checked throughout because the bytes come from an upload.

const GPS_POINTER = 0x8825;
/** GPS tags worth naming in a report (EXIF 2.3, GPS Info IFD). */
const GPS_TAGS = new Map([
  [0x0001, 'GPSLatitudeRef'],
  [0x0002, 'GPSLatitude'],
  [0x0003, 'GPSLongitudeRef'],
  [0x0004, 'GPSLongitude'],
  [0x0006, 'GPSAltitude'],
  [0x0007, 'GPSTimeStamp'],
  [0x001d, 'GPSDateStamp'],
]);

/**
 * `{ present, tags }` for an EXIF block as sharp's metadata() returns it (with or without the
 * leading `Exif\0\0`). Malformed blocks read as "no GPS" rather than throwing: the caller
 * strips all metadata on output anyway.
 * @example readExifGps(meta.exif) // { present: true, tags: ['GPSLatitude', 'GPSLongitude'] }
 */
export function readExifGps(exif) {
  const none = { present: false, tags: [] };
  const buf = Buffer.from(exif.buffer, exif.byteOffset, exif.byteLength);
  const base = buf.toString('latin1', 0, 6) === 'Exif\0\0' ? 6 : 0;
  if (buf.length < base + 8) return none;
  const order = buf.toString('latin1', base, base + 2);
  if (order !== 'II' && order !== 'MM') return none;
  const le = order === 'II';
  const u16 = (o) => (o + 2 <= buf.length ? (le ? buf.readUInt16LE(o) : buf.readUInt16BE(o)) : -1);
  const u32 = (o) => (o + 4 <= buf.length ? (le ? buf.readUInt32LE(o) : buf.readUInt32BE(o)) : -1);
  const entries = (ifdOffset) => {
    const at = base + ifdOffset;
    const n = u16(at);
    if (n < 0 || n > 1000) return [];
    const out = [];
    for (let i = 0; i < n; i++) {
      const e = at + 2 + i * 12;
      const tag = u16(e);
      if (tag < 0) break;
      out.push({ tag, value: u32(e + 8) });
    }
    return out;
  };
  const ifd0 = u32(base + 4);
  if (ifd0 < 0) return none;
  const pointer = entries(ifd0).find((e) => e.tag === GPS_POINTER);
  if (!pointer || pointer.value <= 0) return none;
  const gps = entries(pointer.value);
  if (gps.length === 0) return none;
  return {
    present: true,
    tags: gps.map((e) => GPS_TAGS.get(e.tag)).filter((t) => t !== undefined),
  };
}
