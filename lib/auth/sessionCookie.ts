// Keeping the current console session through a change it made to its own principal. Changing your
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

/** Call only after a change by this session to its own principal has committed. */
export async function keepCurrentSession(): Promise<void> {
  const options = authOptions();
  const claims = (await getServerSession(options))?.principal;
  if (!liveClaims(claims) || claims.mfaPending) return;
  const next: LiveClaims = { ...claims, generation: claims.generation + 1 };
  // The lifetime still counts from the original sign-in.
  const endsAt = claims.authTime + sessionLifetimeMs();
  const token = await encode({ token: { sub: claims.arn, principal: next }, secret: options.secret!, maxAge: Math.ceil((endsAt - Date.now()) / 1000) });
  const { name, options: flags } = sessionTokenCookie();
  (await cookies()).set(name, token, { ...flags, expires: new Date(endsAt) });
}
