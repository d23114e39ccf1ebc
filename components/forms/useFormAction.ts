"use client";

import { startTransition, useActionState, useEffect, useRef } from "react";
import { useNoticeCheck } from "@/components/feedback/NoticeRegion";
import type { IamErrorView } from "@/lib/iam/core/errors";

type Action<S> = (previous: Awaited<S>, form: FormData) => Promise<S>;

/**
 * useActionState for a <form>, without React 19's reset of the form after its action: React resets
 * every field to its initial value once a `<form action>` completes, so after an error the person
 * would lose what they typed (a device name back to its suggestion, codes and checkboxes cleared,
 * and controlled checkboxes showing the opposite of their state). Submitting through onSubmit in a
 * transition skips that reset; `action` stays on the form so that it still posts before the page's
 * script has loaded. Spread the returned props on the form.
 *
 * When the action returns, the console's notice region is asked to show the notice it left, and
 * `onSuccess` runs if it returned no error (a form that should start afresh then, does so itself).
 */
export function useFormAction<S extends { readonly error?: IamErrorView }>(action: Action<S>, initial: Awaited<S>, onSuccess?: (state: Awaited<S>) => void) {
  const [state, dispatch, pending] = useActionState<S, FormData>(action, initial);
  const checkNotices = useNoticeCheck();
  const handled = useRef(state);
  const succeeded = useRef(onSuccess);
  succeeded.current = onSuccess;
  // A form whose success removes it (a detached row, a removed boundary) unmounts in the same commit
  // as its answer, before the effect below could run: it looks for its notice as it goes. It looks
  // after the commit, so that when the answer was a new page (a delete that redirects) the region's
  // own look at the new address takes the notice first, rather than clearing the one taken here.
  const awaiting = useRef(false);
  useEffect(
    () => () => {
      if (awaiting.current) setTimeout(checkNotices, 0);
    },
    [checkNotices],
  );
  useEffect(() => {
    if (handled.current === state) return;
    handled.current = state;
    awaiting.current = false;
    checkNotices();
    if (!state.error) succeeded.current?.(state);
  }, [state, checkNotices]);

  const onSubmit = (event: React.FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    awaiting.current = true;
    const data = new FormData(event.currentTarget, (event.nativeEvent as SubmitEvent).submitter);
    startTransition(() => dispatch(data));
  };
  return [state, { action: dispatch, onSubmit }, pending] as const;
}
