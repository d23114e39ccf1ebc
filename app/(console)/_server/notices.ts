// A server action's success notice: a cookie the console shell's NoticeRegion reads, shows and
// deletes on the next page it renders or when the form's action returns. A cookie rather than a
// ?notice= parameter, so a link cannot make the console claim a change nobody made; readable by
// the browser's script (not httpOnly), which is all it is for, and it carries only names.

import { cookies } from "next/headers";
import { encodeNotice, NOTICE_COOKIE, NOTICE_MAX_AGE, type Notice } from "@/components/feedback/notice";

export async function notify(notice: Notice): Promise<void> {
  (await cookies()).set(NOTICE_COOKIE, encodeNotice(notice), {
    path: "/",
    maxAge: NOTICE_MAX_AGE,
    sameSite: "strict",
    httpOnly: false,
    secure: (process.env.NEXTAUTH_URL ?? "").startsWith("https://"),
  });
}

/** The name at the end of an ARN (a policy's, an MFA device's): arn:aws:iam::123456789012:policy/team/ReadOnly → ReadOnly. */
export function nameInArn(arn: string): string {
  return arn.slice(arn.lastIndexOf("/") + 1);
}
