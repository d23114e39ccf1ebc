"use client";

import { useRef, useState } from "react";
import type { CreateUserDraft } from "./draft";
import type { ReviewCheck, ReviewPermissions } from "./reviewPermissions";

/**
 * The Review step's check with the engine: started as the person arrives at Review (the draft is
 * final there), so a refusal shows, with its reason, before they press Create user. Going back
 * forgets it; an answer for an earlier arrival is ignored.
 */
export function useReviewPermissions<Draft = CreateUserDraft>(check: ReviewCheck<Draft>) {
  const [permissions, setPermissions] = useState<ReviewPermissions | undefined>();
  const round = useRef(0);
  const start = (draft: Draft) => {
    const mine = ++round.current;
    setPermissions({ state: "checking" });
    check(draft).then(
      (denials) => mine === round.current && setPermissions({ state: "checked", denials }),
      // The check is a courtesy: if it fails, Create user still decides, and explains, on its own.
      () => mine === round.current && setPermissions({ state: "checked", denials: [] }),
    );
  };
  const forget = () => {
    round.current++;
    setPermissions(undefined);
  };
  return { permissions, start, forget };
}
