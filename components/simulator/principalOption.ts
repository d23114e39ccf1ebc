// One choice of the simulator's principal picker.

export interface PrincipalOption {
  readonly arn: string;
  readonly name: string;
  readonly kind: "user" | "group" | "role";
}
