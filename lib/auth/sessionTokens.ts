// Session tokens (X-Amz-Security-Token) are kept only as a hash: sts:AssumeRole (lib/iam) stores the
// hash when it issues a session, and API authentication (lib/auth/apiCaller) hashes the token a
// request carries to compare. Both sides must hash the same way, so the function lives here.

import { createHash } from "node:crypto";

/** SHA-256, base64url: 96 random bytes need no slow hash, only comparing. */
export function sessionTokenHash(token: string): string {
  return createHash("sha256").update(token).digest("base64url");
}
