import Link from "next/link";
import { buttonStyles, type ButtonVariant } from "./buttonStyles";

/** A navigation that looks like a button ("Create user"): a real link, so it opens in a new tab too. */
export function ButtonLink({
  href,
  variant = "primary",
  children,
  testId,
}: {
  href: string;
  variant?: ButtonVariant;
  children: React.ReactNode;
  testId?: string;
}) {
  return (
    <Link href={href} className={buttonStyles[variant]} data-testid={testId}>
      {children}
    </Link>
  );
}
