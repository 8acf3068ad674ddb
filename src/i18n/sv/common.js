// Ord som skärmen, telefonsidan och CLI delar.
export default {
  'language.name': 'Svenska',
  'language.sv': 'Svenska',
  'language.en': 'English',
  'money.unknownCurrency': '{minor} minsta enheter {currency}',
};
