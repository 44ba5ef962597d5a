/** Types for worker-exif.mjs (plain JavaScript so the vision worker can load it). */

/**
 * `{ present, tags }` for an EXIF block as sharp's metadata() returns it.
 * @example readExifGps(meta.exif) // { present: true, tags: ['GPSLatitude', 'GPSLongitude'] }
 */
export function readExifGps(exif: Uint8Array): { present: boolean; tags: string[] };
