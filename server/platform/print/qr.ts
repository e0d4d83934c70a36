// QR codes (TOTP enrolment, patrol checkpoint and equipment labels). The qrcode package is loaded with
// the first code drawn rather than at every start (issue 4, cold start: ~35 ms of it).
import type QRCodeModule from 'qrcode';

let loading: Promise<typeof QRCodeModule> | undefined;
const qrcode = () => (loading ??= import('qrcode').then((m) => m.default));

/** An SVG drawing of `text` as a QR code (labels). */
export async function qrSvg(text: string, margin: number): Promise<string> {
  return (await qrcode()).toString(text, { type: 'svg', margin, errorCorrectionLevel: 'M' });
}

/** A PNG data: URL of `text` as a QR code (TOTP enrolment screen). */
export async function qrDataUrl(text: string, width: number): Promise<string> {
  return (await qrcode()).toDataURL(text, { margin: 1, width });
}
