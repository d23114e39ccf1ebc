import type { Caller } from "@/lib/auth/caller";

/**
 * The name "Assign MFA device" suggests. An IAM user's own name suits AWS's older self-manage
 * policies, which allow only arn:aws:iam::*:mfa/${aws:username}; the root user's is the name AWS's
 * console has long given its device.
 */
export function suggestedDeviceName(principal: Pick<Caller, "kind" | "userName">): string {
  return principal.kind === "user" && principal.userName ? principal.userName : "root-account-mfa-device";
}
