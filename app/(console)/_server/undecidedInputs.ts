// Stand-ins for the parts of an input a person has yet to choose, in the checks a page asks
// GetCallerPermissions about with InputVaries: the decision then reads "depends" where the choice
// matters, so nothing here is ever shown or sent as a real value.

/** A policy document still to be written; no decision reads it. */
export const ANY_POLICY_DOCUMENT = JSON.stringify({ Version: "2012-10-17", Statement: [] });
/** A managed policy still to be picked. */
export const ANY_POLICY_ARN = "arn:aws:iam::aws:policy/ReadOnlyAccess";
/** An inline policy name still to be typed. */
export const ANY_POLICY_NAME = "new-policy";
/** A group still to be picked. */
export const ANY_GROUP_NAME = "new-group";
/** A user still to be picked or typed. */
export const ANY_USER_NAME = "new-user";
/** A role still to be named. */
export const ANY_ROLE_NAME = "new-role";
/** A trust policy still to be written; no decision reads it. */
export const ANY_TRUST_POLICY = JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole" }] });
/** A tag still to be typed. */
export const ANY_TAGS = [{ Key: "new-tag", Value: "" }];
