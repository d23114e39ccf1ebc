import Link from "next/link";
import { buttonStyles } from "@/components/forms/buttonStyles";
import { userHref } from "../userHref";

/**
 * The wizard's last page for a user created without console access: there is no password to
 * retrieve and no sign-in URL to hand over, so it says what the user can do now (nothing until they
 * get credentials) and where to give them some.
 */
export function UserCreated({ userName }: { userName: string }) {
  return (
    <section aria-labelledby="user-created-title" className="flex flex-col gap-4 rounded-md border border-slate-200 bg-white p-5 shadow-sm" data-testid="user-created">
      <div>
        <h2 id="user-created-title" className="text-lg font-semibold text-slate-900">
          User created
        </h2>
        <p className="mt-1 text-sm text-slate-700">
          User <strong className="wrap-anywhere" data-testid="created-user-name">
            {userName}
          </strong> was created without console access: they cannot sign in to the console.
        </p>
      </div>
      <div className="text-sm text-slate-700">
        <h3 className="font-medium text-slate-900">What to do next</h3>
        <ul className="mt-1 list-disc pl-5">
          <li>For programs and the CLI, create an access key on the user&apos;s Security credentials tab.</li>
          <li>To let the person sign in to the console later, choose Enable console access on the same tab.</li>
          <li>The user can only do what their groups and policies allow: check the Permissions tab.</li>
        </ul>
      </div>
      <div className="flex flex-wrap gap-2">
        <Link href={userHref(userName, "security")} className={buttonStyles.primary} data-testid="view-user-credentials">
          Open security credentials
        </Link>
        <Link href={userHref(userName)} className={buttonStyles.secondary} data-testid="view-user">
          View user
        </Link>
        <Link href="/users" className={buttonStyles.secondary}>
          Return to users list
        </Link>
      </div>
    </section>
  );
}
