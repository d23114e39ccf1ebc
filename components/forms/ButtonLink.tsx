import Link from "next/link";
import { useId } from "react";
import { isDenied, type ControlPermission } from "@/components/permissions/controlPermission";
import { PermissionNote } from "@/components/permissions/PermissionNote";
import { buttonStyles, type ButtonVariant } from "./buttonStyles";

/**
 * A navigation that looks like a button ("Create user"): a real link, so it opens in a new tab too.
 * With a `permission` the engine denied, it is a disabled button instead (still focusable, so a
 * screen reader finds it with its reason), and the reason is shown under it: nobody should fill in a
 * form only to be refused at the end. A "depends" permission keeps the link and adds its note.
 */
export function ButtonLink({
  href,
  variant = "primary",
  children,
  testId,
  permission,
  download = false,
}: {
  href: string;
  variant?: ButtonVariant;
  children: React.ReactNode;
  testId?: string;
  permission?: ControlPermission;
  /** A file to download (a route handler's attachment): a plain link, which client-side navigation would not fetch. */
  download?: boolean;
}) {
  const noteId = useId();
  const shown = permission && permission.state !== "allowed";
  const control = isDenied(permission) ? (
    <button type="button" aria-disabled="true" aria-describedby={noteId} className={`${buttonStyles[variant]} cursor-not-allowed opacity-60`} data-testid={testId}>
      {children}
    </button>
  ) : download ? (
    <a href={href} download className={buttonStyles[variant]} data-testid={testId} aria-describedby={shown ? noteId : undefined}>
      {children}
    </a>
  ) : (
    <Link href={href} className={buttonStyles[variant]} data-testid={testId} aria-describedby={shown ? noteId : undefined}>
      {children}
    </Link>
  );
  if (!shown) return control;
  return (
    <div className="flex max-w-sm flex-col items-start gap-1">
      {control}
      <PermissionNote id={noteId} permission={permission} />
    </div>
  );
}
