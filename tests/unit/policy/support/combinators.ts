// The accounts and combinators shared by the policy generators.

import fc from "fast-check";

export const ACCOUNT = "111122223333";
export const OTHER_ACCOUNT = "444455556666";
export const ALICE_ARN = `arn:aws:iam::${ACCOUNT}:user/alice`;

/** A value or a list of values, as the grammar allows for Action, Resource, condition values. */
export function oneOrMany<T>(item: fc.Arbitrary<T>): fc.Arbitrary<T | T[]> {
  return fc.oneof(item, fc.array(item, { minLength: 1, maxLength: 3 }));
}

export function weighted<T>(...entries: [number, fc.Arbitrary<T>][]): fc.Arbitrary<T> {
  return fc.oneof(...entries.map(([weight, arbitrary]) => ({ weight, arbitrary })));
}
