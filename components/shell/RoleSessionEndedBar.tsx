import { buttonStyles } from "@/components/forms/buttonStyles";

/**
 * Under the header after a switched role's session expired: the console already works as the user
 * again, and says so until the person acknowledges it (which forgets the role in the session).
 */
export function RoleSessionEndedBar({ userName, acknowledge }: { userName?: string; acknowledge: () => Promise<void> }) {
  return (
    <form action={acknowledge} role="status" className="flex flex-wrap items-center gap-3 bg-amber-100 px-4 py-2 text-sm text-amber-950" data-testid="role-session-ended">
      <span>Your role session has expired, so the console works as {userName} again. Switch role again if you still need the role.</span>
      <button type="submit" className={buttonStyles.secondary}>
        OK
      </button>
    </form>
  );
}
