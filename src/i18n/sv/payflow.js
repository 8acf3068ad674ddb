// Kassörens betalflöde (issue 10 §3): Glase-dialogens bekräftelser och nedräkningen när kassan väntar.
export default {
  'amount.hintRaise': 'Kvar att betala: {left}. Sänk beloppet om resten betalas på annat sätt, eller höj det upp till {most}.',
  'amount.overMax': 'högst {most} kan betalas med Glase i den här kassan',
  'amount.raise.title': 'Höja Glase-beloppet?',
  'amount.raise.text': '{amount} är {diff} mer än de {left} som är kvar att betala.',
  'amount.raise.ok': 'Höj med {diff}',
  'amount.last.title': 'Glase betalas sist: ta de andra betalsätten först',
  'amount.last.text': '{rest} av de {left} som är kvar måste betalas på annat sätt innan Glase tar {amount}.',
  'amount.last.ok': 'Andra betalsätt tagna',
  'amount.correct': 'Rätta',
};
