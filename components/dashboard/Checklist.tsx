import Link from "next/link";
import type { FormAction } from "@/components/forms/actionState";
import { buttonStyles } from "@/components/forms/buttonStyles";
import type { ControlPermission } from "@/components/permissions/controlPermission";
import { SelfServiceFixButton } from "./SelfServiceFixButton";

/** Done; not done; or nothing to do yet (no IAM users to require MFA of), which is neither. */
export type ChecklistStatus = "done" | "not-done" | "not-applicable";

export interface ChecklistEntry {
  readonly id: string;
  readonly title: string;
  readonly status: ChecklistStatus;
  /** The badge of a not-applicable item, which says why ("No IAM users yet"). */
  readonly statusLabel?: string;
  readonly detail: string;
  readonly action?: { readonly href: string; readonly label: string };
  /** Groups to attach the self-service policy to, each a button (SelfServiceFixButton). */
  readonly fixes?: readonly { readonly groupName: string; readonly userNames: readonly string[] }[];
}

export interface ChecklistFixes {
  readonly policyName: string;
  readonly attach: FormAction;
  /** Whether the signed-in principal may attach it, by group name. */
  readonly permissions: Readonly<Record<string, ControlPermission>>;
}

const BADGES: Record<ChecklistStatus, { label: string; icon: string; iconClass: string; badgeClass: string }> = {
  done: { label: "Done", icon: "✓", iconClass: "bg-emerald-600 text-white", badgeClass: "bg-emerald-100 text-emerald-900" },
  "not-done": { label: "Not done", icon: "!", iconClass: "border-2 border-amber-500 text-amber-700", badgeClass: "bg-amber-100 text-amber-900" },
  "not-applicable": { label: "Not yet", icon: "–", iconClass: "border-2 border-slate-400 text-slate-600", badgeClass: "bg-slate-100 text-slate-800" },
};

/**
 * The best-practice checklist: each item is a heading (its title alone), then its status, why, and
 * where to act on it. The status is its own text after the heading, so a screen reader reads
 * "Enable MFA for the root user, heading level 3" and then "Status: Not done".
 */
export function Checklist({ items, fixes }: { items: readonly ChecklistEntry[]; fixes?: ChecklistFixes }) {
  const done = items.filter((item) => item.status === "done").length;
  const counted = items.filter((item) => item.status !== "not-applicable").length;
  return (
    <div className="flex flex-col gap-3">
      <p className="text-sm text-slate-700" data-testid="checklist-progress">
        {done} of {counted} done
      </p>
      <ol className="flex flex-col divide-y divide-slate-200">
        {items.map((item) => {
          const badge = BADGES[item.status];
          return (
            <li key={item.id} className="flex gap-3 py-3" data-testid={`checklist-${item.id}`} data-done={item.status === "done"} data-status={item.status}>
              <span aria-hidden="true" className={`mt-0.5 flex h-5 w-5 shrink-0 items-center justify-center rounded-full text-xs font-bold ${badge.iconClass}`}>
                {badge.icon}
              </span>
              <div className="flex min-w-0 flex-1 flex-col gap-1">
                <div className="flex flex-wrap items-baseline gap-x-2 gap-y-1">
                  <h3 className="text-sm font-medium text-slate-900">{item.title}</h3>
                  <p className="text-xs" data-testid="checklist-status">
                    <span className="sr-only">Status: </span>
                    <span className={`rounded px-1.5 py-0.5 font-semibold ${badge.badgeClass}`}>{item.statusLabel ?? badge.label}</span>
                  </p>
                </div>
                <p className="text-sm text-slate-600">{item.detail}</p>
                {item.status !== "done" && fixes && item.fixes?.map((fix) => (
                  <SelfServiceFixButton
                    key={fix.groupName}
                    groupName={fix.groupName}
                    policyName={fixes.policyName}
                    members={fix.userNames}
                    permission={fixes.permissions[fix.groupName]}
                    attach={fixes.attach}
                  />
                ))}
                {item.action && item.status !== "done" && (
                  <Link href={item.action.href} className={`${buttonStyles.link} inline-block self-start text-sm`}>
                    {item.action.label}
                  </Link>
                )}
              </div>
            </li>
          );
        })}
      </ol>
    </div>
  );
}
