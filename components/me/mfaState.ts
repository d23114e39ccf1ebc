import type { IamErrorView } from "@/lib/iam/core/errors";
import type { ActionState } from "@/components/forms/actionState";

/** The device CreateVirtualMFADevice returned: shown during this enrollment only, never stored in the page. */
export interface NewMfaDevice {
  readonly SerialNumber: string;
  readonly Base32StringSeed: string;
  readonly QRCodePNG: string;
}

export interface CreateMfaDeviceState {
  readonly error?: IamErrorView;
  readonly device?: NewMfaDevice;
}

export interface EnableMfaDeviceState extends ActionState {
  readonly enabled?: boolean;
}

/** Server actions of the MFA section, bound to whose devices they manage. */
export interface MfaActions {
  readonly create: (previous: CreateMfaDeviceState, form: FormData) => Promise<CreateMfaDeviceState>;
  readonly enable: (previous: EnableMfaDeviceState, form: FormData) => Promise<EnableMfaDeviceState>;
  readonly resync: (previous: ActionState, form: FormData) => Promise<ActionState>;
  readonly remove: (previous: ActionState, form: FormData) => Promise<ActionState>;
}
