// Enrolment through the shop's back office on the admin screen (issue 14), and the till's
// sentences about it as the API sends them (srv.*, found by their English text).
export default {
  'enrol.lead': "Or enrol through the shop's back office with the owner's one-time code; no reseller password is typed here.",
  'enrol.url': 'Back office address',
  'enrol.code': 'Enrolment code',
  'enrol.button': 'Enrol',
  'enrol.enrolling': 'Enrolling through the back office…',
  'enrol.done': 'Enrolled as terminal {terminal}.',
  'field.backofficeUrl': 'The back office address',
  'field.code': 'The enrolment code',
  'srv.enrol.done': 'enrolled through the back office; now assign the Glase ID',
  'srv.enrol.failed': 'the enrolment failed unexpectedly; nothing was registered here, try again',
  'srv.enrol.refused': 'the back office refused the enrolment: {reason}',
  'srv.enrol.notReached': 'could not enrol: {reason}',
  'srv.enrol.noBackoffice': 'no back office at {origin}: {why}',
  'srv.enrol.untrusted': "the back office's TLS certificate is not trusted ({code}); give the till the CA that signed it (backoffice.caFile)",
  'srv.enrol.otherHost': "the back office's TLS certificate is for another host name ({code}); use the name in its certificate",
  'srv.enrol.codeUnknown': 'code: unknown, already used or expired: ask the owner for a new enrolment code',
  'srv.rule.backofficeUrl': 'must be an http:// or https:// URL',
  'srv.rule.backofficeHttps': 'must be https:// unless the back office is on this machine (the till token travels in it)',
  'srv.rule.enrolCode': 'must be the 12-character code, XXXX-XXXX-XXXX',
};
