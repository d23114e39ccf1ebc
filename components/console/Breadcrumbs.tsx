import Link from "next/link";

/** "IAM › Users › alice": where this page sits, each step a link but the last. */
export function Breadcrumbs({ trail }: { trail: readonly { label: string; href?: string }[] }) {
  return (
    <nav aria-label="Breadcrumb" className="text-sm text-slate-600">
      <ol className="flex flex-wrap items-center gap-1">
        {trail.map((step, i) => (
          <li key={`${step.label}-${i}`} className="flex items-center gap-1">
            {i > 0 && <span aria-hidden="true">›</span>}
            {step.href ? (
              <Link href={step.href} className="rounded-sm text-blue-700 hover:underline focus-visible:outline-2 focus-visible:outline-blue-600">
                {step.label}
              </Link>
            ) : (
              <span aria-current="page" className="wrap-anywhere">
                {step.label}
              </span>
            )}
          </li>
        ))}
      </ol>
    </nav>
  );
}
