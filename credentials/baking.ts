// Open Badges 3.0 "baking" (spec §5.3): the credential travels inside the badge image, in a PNG iTXt chunk with
// keyword "openbadgecredential", uncompressed, placed before IEND.
import zlib from "node:zlib";

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
export const OB_PNG_KEYWORD = "openbadgecredential";

export class PngError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "PngError";
  }
}

export type PngChunk = { type: string; data: Buffer };

/** Splits a PNG into chunks, checking the signature, every CRC, and that it starts with IHDR and ends with IEND. */
export function readPngChunks(png: Uint8Array): PngChunk[] {
  const bytes = Buffer.from(png.buffer, png.byteOffset, png.byteLength);
  if (bytes.length < PNG_SIGNATURE.length || !bytes.subarray(0, 8).equals(PNG_SIGNATURE)) {
    throw new PngError("Not a PNG file (bad signature)");
  }
  const chunks: PngChunk[] = [];
  let offset = 8;
  while (offset < bytes.length) {
    if (offset + 12 > bytes.length) throw new PngError("Truncated PNG chunk header");
    const length = bytes.readUInt32BE(offset);
    const end = offset + 12 + length;
    if (length > 0x7fffffff || end > bytes.length) throw new PngError("Truncated PNG chunk");
    const type = bytes.toString("latin1", offset + 4, offset + 8);
    const data = bytes.subarray(offset + 8, offset + 8 + length);
    const crc = bytes.readUInt32BE(offset + 8 + length);
    if (zlib.crc32(bytes.subarray(offset + 4, offset + 8 + length)) !== crc) {
      throw new PngError(`Bad CRC in PNG chunk ${type}`);
    }
    chunks.push({ type, data });
    offset = end;
    if (type === "IEND") break;
  }
  if (chunks[0]?.type !== "IHDR") throw new PngError("PNG does not start with IHDR");
  if (chunks[chunks.length - 1]?.type !== "IEND") throw new PngError("PNG does not end with IEND");
  return chunks;
}

/** Serialises chunks into a PNG (length, type, data, CRC-32 over type and data). */
export function writePngChunks(chunks: PngChunk[]): Buffer {
  const parts: Buffer[] = [PNG_SIGNATURE];
  for (const chunk of chunks) {
    const header = Buffer.alloc(8);
    header.writeUInt32BE(chunk.data.length, 0);
    header.write(chunk.type, 4, "latin1");
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(zlib.crc32(chunk.data, zlib.crc32(header.subarray(4))), 0);
    parts.push(header, chunk.data, crc);
  }
  return Buffer.concat(parts);
}

type InternationalText = { keyword: string; compressed: boolean; text: string };

function parseITXt(data: Buffer): InternationalText | null {
  const keywordEnd = data.indexOf(0);
  if (keywordEnd <= 0 || keywordEnd + 3 > data.length) return null;
  const keyword = data.toString("latin1", 0, keywordEnd);
  const compressed = data[keywordEnd + 1] === 1;
  const languageEnd = data.indexOf(0, keywordEnd + 3);
  if (languageEnd === -1) return null;
  const translatedEnd = data.indexOf(0, languageEnd + 1);
  if (translatedEnd === -1) return null;
  const payload = data.subarray(translatedEnd + 1);
  return { keyword, compressed, text: (compressed ? zlib.inflateSync(payload) : payload).toString("utf8") };
}

function isCredentialChunk(chunk: PngChunk): boolean {
  return chunk.type === "iTXt" && chunk.data.toString("latin1", 0, chunk.data.indexOf(0)) === OB_PNG_KEYWORD;
}

/**
 * Returns a copy of the PNG carrying `credential` (the signed credential's JSON, or a compact JWS) in an
 * uncompressed iTXt chunk just before IEND. Any credential already baked in is replaced.
 */
export function bakePng(png: Uint8Array, credential: string): Buffer {
  const chunks = readPngChunks(png).filter((chunk) => !isCredentialChunk(chunk));
  const data = Buffer.concat([
    Buffer.from(OB_PNG_KEYWORD, "latin1"),
    // keyword terminator, compression flag 0, compression method 0, empty language tag, empty translated keyword
    Buffer.from([0, 0, 0, 0, 0]),
    Buffer.from(credential, "utf8"),
  ]);
  chunks.splice(chunks.length - 1, 0, { type: "iTXt", data });
  return writePngChunks(chunks);
}

/** The credential baked into a PNG, or null when there is none. Throws PngError for a damaged PNG. */
export function unbakePng(png: Uint8Array): string | null {
  for (const chunk of readPngChunks(png)) {
    if (!isCredentialChunk(chunk)) continue;
    const parsed = parseITXt(chunk.data);
    if (parsed) return parsed.text;
  }
  return null;
}
