// CLI:ts utdata för människor (src/cli, src/commands); --json går aldrig genom katalogen.
export default {
  'cli.outcome.paid': 'BETALD {amount}, ersReference {ers}',
  'cli.outcome.recovered': '(hittad efter en omstart)',
  'cli.outcome.needsChecking': 'BETALD, BEHÖVER KONTROLLERAS {amount}: {message}',
  'cli.outcome.orphaned': 'OKÄND {amount}: {message} — kontrollera med kunden och kör sedan `glase-pos confirm-orphan`',
  'cli.outcome.notPaid': 'INTE BETALD ({outcome}): {message}',
};
