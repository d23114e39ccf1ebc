import Link from "next/link";
import { buttonStyles } from "@/components/forms/buttonStyles";
import { ButtonLink } from "@/components/forms/ButtonLink";
import type { ControlPermission } from "@/components/permissions/controlPermission";
import { age, daysSince } from "@/components/text/age";
import { plural } from "@/components/text/plural";

/** What the employee's dashboard knows about their own credentials; `undefined` where the read was refused. */
export interface OwnCredentialsView {
  /** When the console password was last set; null without one. */
  readonly passwordChangedAt?: Date | null;
  /** The account password policy's MaxPasswordAge; null when passwords do not expire; undefined when unknown. */
  readonly maxPasswordAge?: number | null;
  /** Enabled MFA devices. */
  readonly mfaDevices?: number;
  readonly sessionWithMfa: boolean;
  /** Whether they may assign themselves a device (CreateVirtualMFADevice on their own name). */
  readonly enrollPermission: ControlPermission;
  readonly accessKeys?: readonly { readonly AccessKeyId: string; readonly Status: string; readonly CreateDate: Date }[];
  readonly groups?: readonly string[];
  /** Days after which AWS advises rotating an access key. */
  readonly rotationDays: number;
  readonly selfServicePolicy: string;
}

const notReadable = (action: string) => <span className="text-slate-500">Not shown: {action} is not allowed for you.</span>;

function Password({ view, now }: { view: OwnCredentialsView; now: number }) {
  if (view.passwordChangedAt === undefined) return notReadable("iam:GetLoginProfile");
  if (view.passwordChangedAt === null) return <>No console password.</>;
  const set = `Set ${age(view.passwordChangedAt, now) === "Today" ? "today" : `${age(view.passwordChangedAt, now)} ago`}.`;
  if (view.maxPasswordAge === undefined) return <>{set}</>;
  if (view.maxPasswordAge === null) return <>{set} It does not expire: the account's password policy sets no maximum age.</>;
  const left = view.maxPasswordAge - daysSince(view.passwordChangedAt, now);
  return (
    <>
      {set}{" "}
      {left > 0
        ? `It expires in ${plural(left, "day")}: the account's password policy requires a new one every ${plural(view.maxPasswordAge, "day")}.`
        : "It has expired: choose a new one."}
    </>
  );
}

function Mfa({ view }: { view: OwnCredentialsView }) {
  if (view.mfaDevices === undefined) return notReadable("iam:ListMFADevices");
  if (view.mfaDevices > 0) return <>{plural(view.mfaDevices, "virtual MFA device")} assigned. Every sign-in asks for a code from it.</>;
  const denied = view.enrollPermission.state === "denied";
  return (
    <div className="flex flex-col items-start gap-2">
      <p>
        Not enabled. Anyone who learns your password can sign in as you.
        {denied && ` You cannot assign a device yourself: ask an administrator to attach ${view.selfServicePolicy} to a group you are in.`}
      </p>
      <ButtonLink href="/me" variant="secondary" permission={view.enrollPermission} testId="own-assign-mfa">
        Assign MFA device
      </ButtonLink>
    </div>
  );
}

function AccessKeys({ view, now }: { view: OwnCredentialsView; now: number }) {
  if (view.accessKeys === undefined) return notReadable("iam:ListAccessKeys");
  if (view.accessKeys.length === 0) return <>None. You need one only to call the IAM API from a program.</>;
  return (
    <ul className="flex flex-col gap-1">
      {view.accessKeys.map((key) => {
        const old = key.Status === "Active" && daysSince(key.CreateDate, now) > view.rotationDays;
        return (
          <li key={key.AccessKeyId}>
            <code className="font-mono text-xs">{key.AccessKeyId}</code> · {key.Status} · created {age(key.CreateDate, now) === "Today" ? "today" : `${age(key.CreateDate, now)} ago`}
            {old && <span className="ml-1 font-medium text-amber-800">Older than {view.rotationDays} days: rotate it.</span>}
          </li>
        );
      })}
    </ul>
  );
}

/** An employee's own credentials at a glance, each with what to do next. */
export function OwnCredentials({ view, now }: { view: OwnCredentialsView; now: number }) {
  const rows: [label: string, id: string, value: React.ReactNode][] = [
    ["Console password", "password", <Password key="p" view={view} now={now} />],
    ["MFA", "mfa", <Mfa key="m" view={view} />],
    ["This session", "session", view.sessionWithMfa ? "Signed in with MFA." : "Signed in without MFA."],
    ["Access keys", "access-keys", <AccessKeys key="k" view={view} now={now} />],
    ["Your groups", "groups", view.groups === undefined ? notReadable("iam:ListGroupsForUser") : view.groups.length === 0 ? "None: your permissions come from policies attached to you, if any." : view.groups.join(", ")],
  ];
  return (
    <div className="flex flex-col gap-3">
      <dl className="grid grid-cols-1 gap-x-6 gap-y-3 text-sm sm:grid-cols-[10rem_1fr]">
        {rows.map(([label, id, value]) => (
          <div key={id} className="contents">
            <dt className="font-medium text-slate-700">{label}</dt>
            <dd className="text-slate-900" data-testid={`own-${id}`}>
              {value}
            </dd>
          </div>
        ))}
      </dl>
      <Link href="/me" className={`${buttonStyles.link} self-start text-sm`}>
        Go to My security credentials
      </Link>
    </div>
  );
}
