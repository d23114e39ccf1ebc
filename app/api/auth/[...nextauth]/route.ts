// next-auth's endpoints (/api/auth/csrf, /callback/root, /callback/iam-user, /session, /signout, …).
// The options are built per request (once, then memoized) so that importing this route at build time
// reads no secret.

import NextAuth from "next-auth";
import { authOptions } from "@/lib/auth/options";

type Context = { params: Promise<{ nextauth: string[] }> };

function handler(request: Request, context: Context): Promise<Response> {
  return NextAuth(request as never, context as never, authOptions());
}

export { handler as GET, handler as POST };
