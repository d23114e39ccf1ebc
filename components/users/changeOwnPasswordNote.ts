// What a required password reset does to permissions, said the same way wherever an administrator
// asks for one (the create-user wizard, Manage console access). A user told to choose a new password
// must be allowed iam:ChangePassword; Portcullis grants it through the account password policy, as
// AWS's own setting does, so that no policy is attached to the user directly (which the dashboard
// would rightly flag). See letUserChangeOwnPassword in lib/iam/credentials/passwords.ts.

export const CHANGE_OWN_PASSWORD_NOTE =
  'If nothing else lets the user change it, the account password policy\'s "Allow users to change their own password" is turned on. No policy is attached to the user.';
