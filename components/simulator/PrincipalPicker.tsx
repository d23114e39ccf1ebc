"use client";

import { useEffect, useId, useState } from "react";
import type { PrincipalOption } from "./principalOption";

const DEBOUNCE_MS = 250;

/**
 * The user, group or role to simulate, by ARN: typing a name offers the account's matches (a few
 * of each kind, searched on the server); an ARN can also be pasted as is.
 */
export function PrincipalPicker({ value, onChange, search }: { value: string; onChange: (arn: string) => void; search: (text: string) => Promise<PrincipalOption[]> }) {
  const id = useId();
  const [typed, setTyped] = useState(value);
  const [options, setOptions] = useState<readonly PrincipalOption[]>([]);
  useEffect(() => {
    // An ARN needs no search; a name (or nothing yet) lists the matches.
    if (typed.startsWith("arn:")) return;
    let live = true;
    const timer = setTimeout(() => {
      search(typed).then(
        (found) => live && setOptions(found),
        () => live && setOptions([]),
      );
    }, DEBOUNCE_MS);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [typed, search]);
  const choose = (text: string) => {
    setTyped(text);
    const option = options.find((o) => o.arn === text || o.name === text);
    onChange(option ? option.arn : text.trim());
  };
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className="text-sm font-medium text-slate-800">
        User, group or role
      </label>
      <input
        id={id}
        list={`${id}-options`}
        value={typed}
        onChange={(event) => choose(event.target.value)}
        placeholder="Type a name, or paste an ARN"
        aria-describedby={`${id}-description`}
        autoComplete="off"
        data-testid="simulator-principal"
        className="rounded-md border border-slate-300 bg-white px-2.5 py-1.5 font-mono text-sm shadow-sm focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-blue-600"
      />
      <datalist id={`${id}-options`}>
        {options.map((option) => (
          <option key={option.arn} value={option.arn} label={`${option.kind} ${option.name}`} />
        ))}
      </datalist>
      <p id={`${id}-description`} className="text-xs text-slate-600">
        Its own policies, a user&apos;s groups&apos; policies and its permissions boundary are simulated, with its name and tags in the request context.
      </p>
    </div>
  );
}
