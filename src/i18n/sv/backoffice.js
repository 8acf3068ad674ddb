// Anslutning via butikens backoffice på adminskärmen (issue 14), och kassans meningar om det
// som API:t skickar dem (srv.*, hittas via sin engelska text).
export default {
  'enrol.lead': 'Eller anslut via butikens backoffice med ägarens engångskod; inget återförsäljarlösenord skrivs här.',
  'enrol.url': 'Backofficets adress',
  'enrol.code': 'Anslutningskod',
  'enrol.button': 'Anslut',
  'enrol.enrolling': 'Ansluter via backofficet…',
  'enrol.done': 'Ansluten som terminal {terminal}.',
  'field.backofficeUrl': 'Backofficets adress',
  'field.code': 'Anslutningskoden',
  'srv.enrol.done': 'ansluten via backofficet; tilldela nu Glase-ID',
  'srv.enrol.failed': 'anslutningen misslyckades oväntat; inget registrerades här, försök igen',
  'srv.enrol.refused': 'backofficet nekade anslutningen: {reason}',
  'srv.enrol.notReached': 'kunde inte ansluta: {reason}',
  'srv.enrol.noBackoffice': 'inget backoffice på {origin}: {why}',
  'srv.enrol.untrusted': 'backofficets TLS-certifikat är inte betrott ({code}); ge kassan den CA som signerade det (backoffice.caFile)',
  'srv.enrol.otherHost': 'backofficets TLS-certifikat gäller ett annat värdnamn ({code}); använd namnet i certifikatet',
  'srv.enrol.codeUnknown': 'koden är okänd, redan använd eller har gått ut: be ägaren om en ny anslutningskod',
  'srv.rule.backofficeUrl': 'måste vara en http://- eller https://-adress',
  'srv.rule.backofficeHttps': 'måste vara https:// om inte backofficet finns på den här datorn (kassans token skickas i den)',
  'srv.rule.enrolCode': 'måste vara koden på 12 tecken, XXXX-XXXX-XXXX',
};
