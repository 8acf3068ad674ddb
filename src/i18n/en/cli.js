// The CLI's human output (src/cli, src/commands); --json never goes through the catalogue.
export default {
  'cli.outcome.paid': 'PAID {amount}, ersReference {ers}',
  'cli.outcome.recovered': '(found after a restart)',
  'cli.outcome.needsChecking': 'PAID, NEEDS CHECKING {amount}: {message}',
  'cli.outcome.orphaned': 'UNKNOWN {amount}: {message} — check with the customer, then run `glase-pos confirm-orphan`',
  'cli.outcome.notPaid': 'NOT PAID ({outcome}): {message}',
};
