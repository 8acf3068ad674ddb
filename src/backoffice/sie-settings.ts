// The SIE export's settings (config backoffice.sie): company, voucher series and the shop's
// BAS accounts — configurable, never hard-coded (guide §1).
export interface SieSettings {
  companyName: string;
  orgNr?: string;
  series: string;
  /** sales: the Glase claim against sales and VAT; payment: only against the clearing account */
  mode: 'sales' | 'payment';
  glaseAccount: string;
  salesAccount: string;
  vatAccount: string;
  vatRatePercent: number;
  roundingAccount: string;
  clearingAccount: string;
}

export const DEFAULT_SIE: SieSettings = {
  companyName: 'Exempelbutiken AB',
  series: 'G',
  mode: 'sales',
  glaseAccount: '1581',
  salesAccount: '3001',
  vatAccount: '2611',
  vatRatePercent: 25,
  roundingAccount: '3740',
  clearingAccount: '1910',
};
