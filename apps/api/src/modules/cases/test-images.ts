/** A JPEG-shaped file with an Exif segment carrying a (fake) GPS block, then a scan. */
export function jpegWithExif(tag = 'GPS'): Buffer {
  const exif = Buffer.concat([Buffer.from('Exif\0\0'), Buffer.from(`${tag}:32.05,118.80`)]);
  const app1 = Buffer.alloc(4);
  app1.writeUInt16BE(0xffe1, 0);
  app1.writeUInt16BE(exif.length + 2, 2);
  const app0 = Buffer.from([0xff, 0xe0, 0x00, 0x07, 0x4a, 0x46, 0x49, 0x46, 0x00]);
  const scan = Buffer.from([0xff, 0xda, 0x00, 0x04, 0x00, 0x00, 0x11, 0x22, 0x33, 0xff, 0xd9]);
  return Buffer.concat([Buffer.from([0xff, 0xd8]), app0, app1, exif, scan]);
}
