"use client";

import { NotFoundPanel, RequestedName } from "./NotFoundPanel";
import { useRequestedName } from "./useRequestedName";

/**
 * The not-found page of an entity's console page (a user, a group): what was asked for, by the name
 * in the URL, and the way back to its list.
 */
export function EntityNotFound({ param, title, noun, list }: { param: string; title: string; noun: string; list: { href: string; label: string } }) {
  const name = useRequestedName(param);
  return (
    <NotFoundPanel
      title={title}
      message={
        <>
          No {noun} named <RequestedName>{name}</RequestedName> exists in this account.
        </>
      }
      hint="It may have been deleted or renamed, or the address may be mistyped."
      links={[
        { href: list.href, label: `Back to ${list.label}` },
        { href: "/dashboard", label: "Go to the dashboard" },
      ]}
    />
  );
}
