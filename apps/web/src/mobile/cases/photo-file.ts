/*
 * Photos from a phone camera run to several megabytes; on a weak mobile network and in the offline
 * queue that is too much. A large or unusual photo is redrawn as a JPEG no longer than 1600 px on its
 * long edge (enough to see a cracked manhole cover), which also turns the camera's orientation tag
 * into real pixels. Small JPEG, PNG and WebP files go as they are.
 */
const ACCEPTED = ['image/jpeg', 'image/png', 'image/webp'];
const MAX_EDGE = 1600;
const KEEP_BELOW_BYTES = 700 * 1024;

export class UnsupportedPhotoError extends Error {}

async function redraw(file: Blob): Promise<Blob | null> {
  const bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' });
  const scale = Math.min(1, MAX_EDGE / Math.max(bitmap.width, bitmap.height));
  const canvas = document.createElement('canvas');
  canvas.width = Math.round(bitmap.width * scale);
  canvas.height = Math.round(bitmap.height * scale);
  canvas.getContext('2d')?.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
  bitmap.close();
  return new Promise((resolve) => canvas.toBlob(resolve, 'image/jpeg', 0.82));
}

/** The blob to upload for a picked file; throws UnsupportedPhotoError for what no browser can read. */
export async function preparePhoto(file: File): Promise<Blob> {
  const accepted = ACCEPTED.includes(file.type);
  if (accepted && file.size <= KEEP_BELOW_BYTES) return file.slice(0, file.size, file.type);
  const smaller = await redraw(file).catch(() => null);
  if (smaller && (!accepted || smaller.size < file.size)) return smaller;
  if (accepted) return file.slice(0, file.size, file.type);
  throw new UnsupportedPhotoError(file.type);
}
