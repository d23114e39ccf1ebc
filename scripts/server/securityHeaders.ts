// The security headers every response carries, whatever produced it (a page, an API route, a static
// file, a 404, a redirect or the server's own refusals).

import { randomBytes } from "node:crypto";

/** A fresh CSP nonce: 128 random bits, in the base64 alphabet Next accepts in a nonce source. */
export function newNonce(): string {
  return randomBytes(16).toString("base64");
}

export function contentSecurityPolicy(nonce: string): string {
  return [
    "default-src 'self'",
    // Next's inline bootstrap scripts carry the nonce (Next reads it from the request's CSP header);
    // 'strict-dynamic' lets them load the chunks they need, and makes browsers ignore 'self' here.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'`,
    // CodeMirror (through style-mod) injects <style> elements at run time. It could take the nonce
    // (EditorView.cspNonce), but a nonce in style-src disables 'unsafe-inline', so the nonce would
    // have to reach every component that injects styles. Inline styles cannot run script, and React
    // escapes the markup an attacker would need to inject them, so styles stay 'unsafe-inline'.
    "style-src 'self' 'unsafe-inline'",
    // MFA enrollment shows its QR code as a data: URL.
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

/**
 * Powerful features the console never uses, switched off for it and anything it might embed. Only
 * features Chromium knows: it warns in the console about any other name.
 */
const PERMISSIONS_POLICY = [
  "accelerometer",
  "autoplay",
  "camera",
  "display-capture",
  "geolocation",
  "gyroscope",
  "hid",
  "magnetometer",
  "microphone",
  "midi",
  "payment",
  "serial",
  "usb",
]
  .map((feature) => `${feature}=()`)
  .join(", ");

export interface SecurityHeaderOptions {
  readonly nonce: string;
  /** The public URL is https: browsers should never use plain http for it again. */
  readonly https: boolean;
}

export function securityHeaders({ nonce, https }: SecurityHeaderOptions): Record<string, string> {
  return {
    "Content-Security-Policy": contentSecurityPolicy(nonce),
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    // Not no-referrer: under it browsers send `Origin: null` on same-origin POSTs, and Next refuses
    // server actions whose Origin does not match the host. same-origin sends nothing to other sites.
    "Referrer-Policy": "same-origin",
    "Permissions-Policy": PERMISSIONS_POLICY,
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
    ...(https ? { "Strict-Transport-Security": "max-age=31536000; includeSubDomains" } : {}),
  };
}
