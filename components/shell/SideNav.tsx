"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { CONSOLE_SECTIONS } from "./consoleSections";

/** The console's left navigation; the current section is marked for screen readers (aria-current). */
export function SideNav() {
  const pathname = usePathname();
  return (
    <nav aria-label="Console" className="border-b border-slate-200 bg-white md:w-56 md:shrink-0 md:border-r md:border-b-0">
      <p className="hidden px-4 pt-4 pb-2 text-xs font-semibold tracking-wide text-slate-500 uppercase md:block">Identity and Access Management</p>
      <ul className="flex gap-1 overflow-x-auto px-2 py-2 md:flex-col md:overflow-visible">
        {CONSOLE_SECTIONS.map((section) => {
          const current = pathname === section.href || pathname.startsWith(`${section.href}/`);
          return (
            <li key={section.href}>
              <Link
                href={section.href}
                aria-current={current ? "page" : undefined}
                className={
                  "block rounded-md px-3 py-1.5 text-sm whitespace-nowrap focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-blue-600 " +
                  (current ? "bg-blue-50 font-semibold text-blue-800" : "text-slate-700 hover:bg-slate-100 hover:text-slate-900")
                }
              >
                {section.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
