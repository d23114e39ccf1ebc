import type { SignInLockouts } from "@/lib/iam/credentials/signInLockouts";
import { DateTime } from "@/components/console/DateTime";
import { ActionForm } from "@/components/forms/ActionForm";
import type { FormAction } from "@/components/forms/actionState";
import type { ControlPermission } from "@/components/permissions/controlPermission";

/**
 * A user whose console sign-in is locked out (from the addresses wrong passwords or codes came from)
 * or slowed down, with the administrator's Unlock. Nothing is shown while sign-in is not throttled.
 */
export function SignInLockoutPanel({ lockouts, unlock, permission }: { lockouts: SignInLockouts; unlock: FormAction; permission?: ControlPermission }) {
  if (lockouts.Addresses.length === 0 && !lockouts.SlowedUntil) return null;
  const locked = lockouts.Addresses.filter((address) => address.Kind === "lockout");
  return (
    <section aria-labelledby="sign-in-lockout-title" className="flex flex-col gap-2 rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-950" data-testid="sign-in-lockout">
      <h3 id="sign-in-lockout-title" className="font-semibold">
        {locked.length > 0 ? "Sign-in locked" : "Sign-in slowed down"}
      </h3>
      <p>
        After repeated wrong passwords or MFA codes, sign-in for this user is refused for a while. It is locked only from the
        addresses the wrong attempts came from; from anywhere else it is at most a few seconds slower.
      </p>
      <ul className="list-disc pl-5">
        {lockouts.Addresses.map((address) => (
          <li key={address.SourceIp}>
            {address.Kind === "lockout" ? "Locked" : "Slowed"} from <code className="font-mono">{address.SourceIp}</code> until <DateTime value={address.Until} />
          </li>
        ))}
        {lockouts.SlowedUntil && (
          <li>
            Slowed from every address until <DateTime value={lockouts.SlowedUntil} />
          </li>
        )}
      </ul>
      <ActionForm action={unlock} submitLabel="Unlock sign-in" pendingLabel="Unlocking…" submitTestId="unlock-sign-in" permission={permission} />
    </section>
  );
}
