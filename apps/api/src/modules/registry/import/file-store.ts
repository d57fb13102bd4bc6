import { createCipheriv, createDecipheriv, randomBytes, randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { type Readable, Transform, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { TextDecoder } from 'node:util';
import { AppError } from '../../../core/errors';
import type { Pii } from '../../../core/pii';

/**
 * Uploaded files hold personal data in the clear, so they are stored encrypted (AES-256-CTR with a
 * key per file, the key itself encrypted with the PII key in the database) and read back as a stream.
 * Nothing here holds a whole file in memory.
 */
export interface StoredFile {
  name: string;
  sizeBytes: number;
  format: 'csv' | 'xlsx';
  encoding: string | null;
  rowEstimate: number | null;
  keyEnc: string;
}

export const importsDir = (dataDir: string) => join(dataDir, 'imports');

const sizeText = (bytes: number) =>
  bytes >= 1024 * 1024 ? `${Math.floor(bytes / 1024 / 1024)} MB` : `${Math.floor(bytes / 1024)} KB`;

export const tooLarge = (maxBytes: number) =>
  new AppError(413, 'registry.import.too_large', [], { max: sizeText(maxBytes) });

const ZIP = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
const OLE = Buffer.from([0xd0, 0xcf, 0x11, 0xe0]);
const SNIFF_BYTES = 4 * 1024 * 1024;

/** Counts and limits the bytes, and looks at them for the format, the text encoding and the line count. */
class Inspector extends Transform {
  bytes = 0;
  lines = 0;
  head: Buffer | null = null;
  format: 'csv' | 'xlsx' = 'csv';
  private utf8: TextDecoder | null = new TextDecoder('utf-8', { fatal: true });
  utf8Valid = true;

  constructor(
    private readonly maxBytes: number,
    private readonly fileName: string,
  ) {
    super();
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback) {
    this.bytes += chunk.length;
    if (this.bytes > this.maxBytes) return done(tooLarge(this.maxBytes));
    if (!this.head) {
      this.head = Buffer.from(chunk.subarray(0, 8));
      try {
        this.format = formatOf(this.head, this.fileName);
      } catch (err) {
        return done(err as Error);
      }
    }
    for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) this.lines++;
    if (this.utf8 && this.bytes - chunk.length < SNIFF_BYTES) {
      try {
        this.utf8.decode(chunk, { stream: true });
      } catch {
        this.utf8Valid = false;
        this.utf8 = null;
      }
    }
    done(null, chunk);
  }
}

function formatOf(head: Buffer, fileName: string): 'csv' | 'xlsx' {
  if (head.subarray(0, 4).equals(ZIP)) return 'xlsx';
  // An .xls (BIFF) workbook or anything else binary cannot be read as text.
  if (head.subarray(0, 4).equals(OLE) || /\.(xlsx?|xlsm)$/i.test(fileName)) {
    throw new AppError(415, 'registry.import.format');
  }
  return 'csv';
}

function encodingOf(head: Buffer, utf8Valid: boolean): string {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return 'utf-8';
  if (head[0] === 0xff && head[1] === 0xfe) return 'utf-16le';
  // Excel on Chinese Windows saves "CSV" in the ANSI code page, i.e. GBK; GB 18030 is its superset.
  return utf8Valid ? 'utf-8' : 'gb18030';
}

/** Streams an upload to `<dir>/<uuid>.<ext>`, encrypted; a partial file is removed on any failure. */
export async function storeUpload(
  source: Readable,
  opts: { dir: string; maxBytes: number; pii: Pii; fileName: string },
): Promise<StoredFile> {
  await mkdir(opts.dir, { recursive: true, mode: 0o700 });
  const id = randomUUID();
  const part = join(opts.dir, `${id}.part`);
  const key = randomBytes(32);
  const iv = randomBytes(16);
  const inspector = new Inspector(opts.maxBytes, opts.fileName);
  // The request is piped in rather than made part of the pipeline: on a failure (the limit) it must
  // not be destroyed, so that the 413 answer still reaches the client.
  const written = pipeline(
    inspector,
    createCipheriv('aes-256-ctr', key, iv),
    createWriteStream(part, { mode: 0o600 }),
  );
  const onSourceError = (err: Error) => inspector.destroy(err);
  source.on('error', onSourceError);
  source.pipe(inspector);
  try {
    await written;
    if (!inspector.head || inspector.bytes === 0) throw new AppError(400, 'registry.import.empty');
    const format = inspector.format;
    const name = `${id}.${format}`;
    await rename(part, join(opts.dir, name));
    return {
      name,
      sizeBytes: inspector.bytes,
      format,
      encoding: format === 'csv' ? encodingOf(inspector.head, inspector.utf8Valid) : null,
      rowEstimate: format === 'csv' ? inspector.lines : null,
      keyEnc: opts.pii.encrypt(Buffer.concat([key, iv]).toString('base64')),
    };
  } catch (err) {
    source.unpipe(inspector);
    await rm(part, { force: true });
    throw err;
  } finally {
    source.off('error', onSourceError);
  }
}

/** The stored file, decrypted, as a stream. */
export function openStored(dir: string, name: string, keyEnc: string, pii: Pii): Readable {
  const material = Buffer.from(pii.decrypt(keyEnc), 'base64');
  const decipher = createDecipheriv('aes-256-ctr', material.subarray(0, 32), material.subarray(32, 48));
  const file = createReadStream(join(dir, name), { highWaterMark: 256 * 1024 });
  file.on('error', (err) => decipher.destroy(err));
  decipher.on('close', () => file.destroy());
  return file.pipe(decipher);
}

export async function removeStored(dir: string, name: string): Promise<void> {
  await rm(join(dir, name), { force: true });
}
