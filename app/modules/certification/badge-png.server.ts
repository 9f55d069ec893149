// The downloadable badge: a PNG of a QR code to the credential's verify page (it renders crisply at any size and
// leads a phone straight to the check), with the signed credential baked in (Open Badges 3.0, iTXt chunk
// "openbadgecredential"), so a wallet or /verify can read the credential back out of the image.
import QRCode from "qrcode";
import { bakePng } from "../../../credentials/index";

/** A QR code PNG of `url` (dark green on white, quiet zone included). */
export function qrCodePng(url: string, { width = 480 }: { width?: number } = {}): Promise<Buffer> {
  return QRCode.toBuffer(url, { type: "png", width, margin: 2, errorCorrectionLevel: "M", color: { dark: "#14532dff", light: "#ffffffff" } });
}

/** The badge image with `credential` (the signed JSON, serialised as served) baked into it. */
export async function bakedBadgePng({ credential, verifyUrl }: { credential: unknown; verifyUrl: string }): Promise<Buffer> {
  const image = await qrCodePng(verifyUrl);
  return bakePng(image, JSON.stringify(credential));
}
