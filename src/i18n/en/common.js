// Words shared by the screen, the phone page and the CLI.
export default {
  'language.name': 'English',
  'language.sv': 'Svenska',
  'language.en': 'English',
  'money.unknownCurrency': '{minor} minor units of {currency}',
};
