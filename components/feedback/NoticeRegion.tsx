"use client";

import { usePathname, useSearchParams } from "next/navigation";
import { createContext, Suspense, useCallback, useContext, useEffect, useState } from "react";
import { decodeNotice, NOTICE_COOKIE, noticeSentence, type Notice } from "./notice";
import { NoticeBanner } from "./NoticeBanner";

/** Asks the region to look for a notice now (a form's action has just returned). */
const NoticeCheck = createContext<() => void>(() => {});

export function useNoticeCheck(): () => void {
  return useContext(NoticeCheck);
}

/** The notice cookie's notice, deleting the cookie so that it shows once. */
function takeNotice(): Notice | undefined {
  const entry = document.cookie.split("; ").find((cookie) => cookie.startsWith(`${NOTICE_COOKIE}=`));
  if (!entry) return undefined;
  document.cookie = `${NOTICE_COOKIE}=; Max-Age=0; Path=/; SameSite=Strict`;
  return decodeNotice(entry.slice(NOTICE_COOKIE.length + 1));
}

/** Calls `onChange` whenever the page's address changes, search included (useSearchParams needs a Suspense boundary). */
function LocationWatcher({ onChange }: { onChange: () => void }) {
  const pathname = usePathname();
  const search = useSearchParams().toString();
  useEffect(() => onChange(), [pathname, search, onChange]);
  return null;
}

/**
 * Where the console shows success notices, above the page: a polite live region that is always in
 * the page (so a notice put into it is announced) and labelled, so it is not mistaken for Next's
 * route announcer. A notice shows on the page the action left the person on and goes at the next
 * page, or when dismissed.
 */
export function NoticeRegion({ children }: { children: React.ReactNode }) {
  const [notice, setNotice] = useState<Notice>();
  const check = useCallback(() => {
    const found = takeNotice();
    if (found) setNotice(found);
  }, []);
  const moved = useCallback(() => setNotice(takeNotice()), []);
  return (
    <NoticeCheck.Provider value={check}>
      <Suspense fallback={null}>
        <LocationWatcher onChange={moved} />
      </Suspense>
      <div role="status" aria-live="polite" aria-label="Notices" className="[&:not(:empty)]:mb-4" data-testid="notices">
        {notice && <NoticeBanner onDismiss={() => setNotice(undefined)}>{noticeSentence(notice)}</NoticeBanner>}
      </div>
      {children}
    </NoticeCheck.Provider>
  );
}
