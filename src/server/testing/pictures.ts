/**
 * Real pictures for tests: 8×8 images Chromium encoded (canvas.toDataURL), and the same JPEG
 * with an Exif block that says where it was taken (GPS 40°4′16.44″N 116°19′47.55″E) and who took
 * it, as a phone camera writes one. Used by the media and public-output tests.
 */

/** An 8×8 JPEG (JFIF, an sRGB profile in APP2), no Exif. */
export const JPEG = Buffer.from(
  '/9j/4AAQSkZJRgABAQAAAQABAAD/4gHYSUNDX1BST0ZJTEUAAQEAAAHIAAAAAAQwAABtbnRyUkdCIFhZWiAH4AABAAEAAAAAAABhY3NwAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAQAA9tYAAQAAAADTLQAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAlkZXNjAAAA8AAAACRyWFlaAAABFAAAABRnWFlaAAABKAAAABRiWFlaAAABPAAAABR3dHB0AAABUAAAABRyVFJDAAABZAAAAChnVFJDAAABZAAAAChiVFJDAAABZAAAAChjcHJ0AAABjAAAADxtbHVjAAAAAAAAAAEAAAAMZW5VUwAAAAgAAAAcAHMAUgBHAEJYWVogAAAAAAAAb6IAADj1AAADkFhZWiAAAAAAAABimQAAt4UAABjaWFlaIAAAAAAAACSgAAAPhAAAts9YWVogAAAAAAAA9tYAAQAAAADTLXBhcmEAAAAAAAQAAAACZmYAAPKnAAANWQAAE9AAAApbAAAAAAAAAABtbHVjAAAAAAAAAAEAAAAMZW5VUwAAACAAAAAcAEcAbwBvAGcAbABlACAASQBuAGMALgAgADIAMAAxADb/2wBDAAYEBQYFBAYGBQYHBwYIChAKCgkJChQODwwQFxQYGBcUFhYaHSUfGhsjHBYWICwgIyYnKSopGR8tMC0oMCUoKSj/2wBDAQcHBwoIChMKChMoGhYaKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCj/wAARCAAIAAgDASIAAhEBAxEB/8QAFQABAQAAAAAAAAAAAAAAAAAAAAX/xAAdEAABAgcAAAAAAAAAAAAAAAAAERcmM1Nmg5Lw/8QAFAEBAAAAAAAAAAAAAAAAAAAABv/EAB4RAAEDBAMAAAAAAAAAAAAAAAEAESECAxJhgbHw/9oADAMBAAIRAxEAPwC5CjfXRlq6S+UADy3bweSXLz0NIpXXk0AMPcr/2Q==',
  'base64',
);

/** An 8×8 PNG. */
export const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAgAAAAICAYAAADED76LAAAAPUlEQVR4AayNwQkAIAwDQ8dxBB1Nn67mCLqOvlKKj/bTwlEIFyK17+shCE6FNQss7KnA4P+JQhsHFk6FEw8AAP//ZzrsDAAAAAZJREFUAwDx4CBZpmkH/gAAAABJRU5ErkJggg==',
  'base64',
);

/** Big-endian 16- and 32-bit numbers. */
const u16 = (n: number) => Buffer.from([n >> 8, n & 0xff]);
const u32 = (n: number) => Buffer.from([n >>> 24, (n >> 16) & 0xff, (n >> 8) & 0xff, n & 0xff]);
const entry = (tag: number, type: number, count: number, value: Buffer) =>
  Buffer.concat([u16(tag), u16(type), u32(count), Buffer.concat([value, Buffer.alloc(4)]).subarray(0, 4)]);
const rationals = (...pairs: [number, number][]) =>
  Buffer.concat(pairs.flatMap(([a, b]) => [u32(a), u32(b)]));

/**
 * An Exif APP1 segment as a camera writes it: a TIFF (big-endian) whose IFD0 names the owner
 * (Artist) and points to a GPS IFD with latitude and longitude.
 */
function exifSegment(): Buffer {
  const artist = Buffer.from('王建国\0', 'utf8');
  // Layout: header 8, IFD0 (2 entries) 30, GPS IFD (4 entries) 54, then the values.
  const ifd0At = 8;
  const gpsAt = ifd0At + 2 + 2 * 12 + 4;
  const valuesAt = gpsAt + 2 + 4 * 12 + 4;
  const latAt = valuesAt;
  const longAt = latAt + 24;
  const artistAt = longAt + 24;
  const tiff = Buffer.concat([
    Buffer.from('MM'),
    u16(42),
    u32(ifd0At),
    u16(2),
    entry(0x013b, 2, artist.length, u32(artistAt)), // Artist
    entry(0x8825, 4, 1, u32(gpsAt)), // GPSInfo
    u32(0),
    u16(4),
    entry(0x0001, 2, 2, Buffer.from('N\0')),
    entry(0x0002, 5, 3, u32(latAt)),
    entry(0x0003, 2, 2, Buffer.from('E\0')),
    entry(0x0004, 5, 3, u32(longAt)),
    u32(0),
    rationals([40, 1], [4, 1], [1644, 100]),
    rationals([116, 1], [19, 1], [4755, 100]),
    artist,
  ]);
  const payload = Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), tiff]);
  return Buffer.concat([Buffer.from([0xff, 0xe1]), u16(payload.length + 2), payload]);
}

/** JPEG with the Exif block right after its start-of-image marker, where cameras put it. */
export const JPEG_WITH_GPS = Buffer.concat([JPEG.subarray(0, 2), exifSegment(), JPEG.subarray(2)]);
