// The admin menu (src/ui/admin*.js, refund-admin.js).
export default {
  'admin.language.label': 'Language of the screen and the receipts',
  'admin.language.set': 'The screen and the receipts now use this language.',
};
