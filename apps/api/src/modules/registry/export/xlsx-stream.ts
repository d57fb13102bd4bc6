import { once } from 'node:events';
import { PassThrough } from 'node:stream';
import { XLSX_MIME } from '@linli/contract';
import ExcelJS from 'exceljs';
import type { FastifyReply } from 'fastify';

/**
 * An XLSX written row by row straight into the HTTP response (exceljs' streaming writer): the
 * workbook is never held whole, and the writer waits when the client reads slower than we write.
 */
export interface XlsxOut {
  workbook: ExcelJS.stream.xlsx.WorkbookWriter;
  /** Call between batches of rows: resolves once the response has room again. */
  drain(): Promise<void>;
  /** Commits the workbook; the response ends when it is written. */
  finish(): Promise<void>;
  /** Aborts the download (the client sees a broken file rather than a short one). */
  fail(err: Error): void;
}

export function xlsxReply(reply: FastifyReply, fileName: string, asciiName: string): XlsxOut {
  const stream = new PassThrough({ highWaterMark: 1024 * 1024 });
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream,
    useStyles: true,
    useSharedStrings: false,
  });
  reply
    .header('content-type', XLSX_MIME)
    .header(
      'content-disposition',
      `attachment; filename="${asciiName}"; filename*=UTF-8''${encodeURIComponent(fileName)}`,
    )
    .header('cache-control', 'no-store');
  void reply.send(stream);
  return {
    workbook,
    async drain() {
      if (stream.writableNeedDrain) await once(stream, 'drain');
    },
    finish: () => workbook.commit(),
    fail: (err) => stream.destroy(err),
  };
}

/** A sheet whose first row is a bold header (kept in view while scrolling), columns sized. */
export function tableSheet(
  workbook: XlsxOut['workbook'],
  name: string,
  labels: string[],
  widths: number[] = [],
) {
  const sheet = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = labels.map((header, i) => ({
    header,
    width: widths[i] ?? Math.max(10, header.length * 2 + 4),
  }));
  sheet.getRow(1).font = { bold: true };
  return sheet;
}
