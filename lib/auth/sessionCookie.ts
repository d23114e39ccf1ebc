// Re-issuing the current console session's cookie with changed claims, outside next-auth (whose jwt
// callback never changes claims once stamped). The lifetime still counts from the original sign-in.
//
// Keeping the current console session through a change it made to its own principal: changing your
// own password, enabling or deactivating your own MFA device, or signing out your other sessions
// ends every session of yours (the change advances the session generation by exactly one, in its
// transaction); the session that made the change should not be stranded by it. So the server action
// re-issues this session's cookie at the next generation, with the original sign-in time and MFA flag.
// If anything else ended the sessions meanwhile, the database has moved further and this one ends too.

import "server-only";
import { getServerSession } from "next-auth";
import { encode } from "next-auth/jwt";
import { cookies } from "next/headers";
import { authOptions, liveClaims, sessionTokenCookie, type LiveClaims } from "./options";
import { sessionLifetimeMs } from "./sessionLifetime";

/** Re-issues this session's cookie with changed claims; false when there is no live session to change. */
export async function reissueSession(change: (claims: LiveClaims) => LiveClaims): Promise<boolean> {
  const options = authOptions();
  const claims = (await getServerSession(options))?.principal;
  if (!liveClaims(claims) || claims.mfaPending) return false;
  const endsAt = claims.authTime + sessionLifetimeMs();
  const token = await encode({ token: { sub: claims.arn, principal: change(claims) }, secret: options.secret!, maxAge: Math.ceil((endsAt - Date.now()) / 1000) });
  const { name, options: flags } = sessionTokenCookie();
  (await cookies()).set(name, token, { ...flags, expires: new Date(endsAt) });
  return true;
}

/** Call only after a change by this session to its own principal has committed. */
export async function keepCurrentSession(): Promise<void> {
  await reissueSession((claims) => ({ ...claims, generation: claims.generation + 1 }));
}
