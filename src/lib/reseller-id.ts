// The shop's Glase reseller id and reseller user id (the RESELLERUSER principal, facts §3.2):
// one rule for the CLI, the API and the back office. No "/": the id and the userId travel as
// separate elements, and a "/"-joined id (one sample client's variant) would name the user twice.
export const RESELLER_ID_PATTERN = /^[A-Za-z0-9._-]{1,100}$/;
export const RESELLER_ID_RULE = 'must be 1-100 letters, digits, ".", "_" or "-"';

