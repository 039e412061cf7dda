/**
 * A phone picture for the public evidence tests (issue 19.4): the 8×8 test JPEG with an Exif
 * block holding its orientation, its owner and where it was taken.
 */
import { JPEG } from './pictures.js';

const u16 = (n: number) => Buffer.from([n >> 8, n & 0xff]);
const u32 = (n: number) => Buffer.from([n >>> 24, (n >> 16) & 0xff, (n >> 8) & 0xff, n & 0xff]);

/**
 * The 8×8 test JPEG with an Exif IFD0 holding Orientation `orientation`, Artist `owner` and a
 * GPS latitude (`GPS` + 40°), as a phone writes it.
 */
export function jpegWithExif(orientation: number, owner: string): Buffer {
  const artist = Buffer.from(`${owner}\0`, 'utf8');
  const entry = (tag: number, type: number, count: number, value: Buffer) =>
    Buffer.concat([u16(tag), u16(type), u32(count), Buffer.concat([value, Buffer.alloc(4)]).subarray(0, 4)]);
  const ifd0 = 8;
  const gps = ifd0 + 2 + 3 * 12 + 4;
  const values = gps + 2 + 2 * 12 + 4;
  const tiff = Buffer.concat([
    Buffer.from('MM'),
    u16(42),
    u32(ifd0),
    u16(3),
    entry(0x0112, 3, 1, u16(orientation)),
    entry(0x013b, 2, artist.length, u32(values + 24)),
    entry(0x8825, 4, 1, u32(gps)),
    u32(0),
    u16(2),
    entry(0x0001, 2, 2, Buffer.from('N\0')),
    entry(0x0002, 5, 3, u32(values)),
    u32(0),
    Buffer.concat([u32(40), u32(1), u32(4), u32(1), u32(1644), u32(100)]),
    artist,
  ]);
  const payload = Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), tiff]);
  const segment = Buffer.concat([Buffer.from([0xff, 0xe1]), u16(payload.length + 2), payload]);
  return Buffer.concat([JPEG.subarray(0, 2), segment, JPEG.subarray(2)]);
}
