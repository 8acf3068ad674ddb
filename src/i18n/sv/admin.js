// Adminmenyn (src/ui/admin*.js, refund-admin.js).
export default {
  'admin.language.label': 'Språk för skärmen och kvittona',
  'admin.language.set': 'Skärmen och kvittona använder nu det här språket.',
};
