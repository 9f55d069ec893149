import zlib from "node:zlib";
import { beforeAll, describe, expect, it } from "vitest";
import { OB_PNG_KEYWORD, PngError, bakePng, readPngChunks, unbakePng } from "./baking";
import { type TestIssuer, createTestIssuer } from "./test-support";
import type { SignedCredential } from "./types";
import { verifyCredential } from "./verify";

// A real 3×2 RGB PNG written independently of the code under test: signature, IHDR, a text chunk, IDAT, IEND.
function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const typeAndData = Buffer.concat([Buffer.from(type, "latin1"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(zlib.crc32(typeAndData));
  return Buffer.concat([length, typeAndData, crc]);
}

const WIDTH = 3;
const HEIGHT = 2;
const PIXELS = Buffer.from([
  0, 255, 0, 0, 0, 255, 0, 0, 0, 255, // filter byte + red, green, blue
  0, 0, 0, 0, 128, 128, 128, 255, 255, 255, // filter byte + black, grey, white
]);

function makePng(): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(WIDTH, 0);
  header.writeUInt32BE(HEIGHT, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit, truecolour, deflate, adaptive filtering, no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header),
    chunk("tEXt", Buffer.from("Title\0Maharat badge", "latin1")),
    chunk("IDAT", zlib.deflateSync(PIXELS)),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

let issuer: TestIssuer;
let credential: SignedCredential;

beforeAll(async () => {
  issuer = await createTestIssuer();
  credential = await issuer.issue({
    name: "أساسيات الذكاء الاصطناعي",
    subject: { id: "urn:uuid:2f0e0c1e-8a54-4a7e-9c3b-0d6f1d9b6a70", displayName: "أمينة الإدريسي" },
  });
});

describe("PNG baking", () => {
  it("round-trips a signed credential, which still verifies after unbaking", async () => {
    const json = JSON.stringify(credential);
    const baked = bakePng(makePng(), json);
    const text = unbakePng(baked);
    expect(text).toBe(json);
    const result = await verifyCredential({ credential: JSON.parse(text ?? "null"), ...issuer.verifyOptions() });
    expect(result.status).toBe("valid");
    expect(result.summary?.subject.name).toBe("أمينة الإدريسي");
  });

  it("keeps a valid PNG: chunk order, CRCs, the image data untouched, an uncompressed iTXt before IEND", () => {
    const original = makePng();
    const baked = bakePng(original, JSON.stringify(credential));
    const chunks = readPngChunks(baked); // throws on a bad CRC or order
    expect(chunks.map((c) => c.type)).toEqual(["IHDR", "tEXt", "IDAT", "iTXt", "IEND"]);
    const originalChunks = readPngChunks(original);
    expect(chunks[0].data).toEqual(originalChunks[0].data);
    expect(chunks[2].data).toEqual(originalChunks[2].data);
    expect(zlib.inflateSync(chunks[2].data)).toEqual(PIXELS);

    const iTXt = chunks[3].data;
    const keywordEnd = iTXt.indexOf(0);
    expect(iTXt.toString("latin1", 0, keywordEnd)).toBe(OB_PNG_KEYWORD);
    expect([...iTXt.subarray(keywordEnd, keywordEnd + 5)]).toEqual([0, 0, 0, 0, 0]); // not compressed, no language
    expect(iTXt.subarray(keywordEnd + 5).toString("utf8")).toBe(JSON.stringify(credential));
    expect(baked.subarray(baked.length - 12)).toEqual(original.subarray(original.length - 12)); // IEND last
  });

  it("replaces a credential already baked in", () => {
    const once = bakePng(makePng(), "first");
    const twice = bakePng(once, "second");
    expect(readPngChunks(twice).filter((c) => c.type === "iTXt")).toHaveLength(1);
    expect(unbakePng(twice)).toBe("second");
  });

  it("reads compressed iTXt too (other bakers may compress), and returns null when nothing is baked", () => {
    const png = makePng();
    expect(unbakePng(png)).toBeNull();
    const data = Buffer.concat([Buffer.from(`${OB_PNG_KEYWORD}\0\x01\0fr\0\0`, "latin1"), zlib.deflateSync("compressed")]);
    const withCompressed = Buffer.concat([png.subarray(0, png.length - 12), chunk("iTXt", data), png.subarray(png.length - 12)]);
    expect(unbakePng(withCompressed)).toBe("compressed");
  });

  it("rejects files that are not PNGs or are damaged", () => {
    expect(() => bakePng(Buffer.from("GIF89a........"), "x")).toThrow(PngError);
    const damaged = makePng();
    damaged[30] ^= 0xff; // inside IHDR: its CRC no longer matches
    expect(() => unbakePng(damaged)).toThrow(/Bad CRC/);
    expect(() => unbakePng(makePng().subarray(0, 40))).toThrow(PngError);
  });
});
