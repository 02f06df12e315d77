/** The KYC validators: pure checks of the identifiers a merchant application carries. */
export { type KycErrorCode, kycErrorCodes, kycInputLengthMax } from './errors.ts';
export { type ProvinceRegion, provinceByCode, provinceRegions } from './regions.ts';
export { type USCCFacts, validateUSCC } from './uscc.ts';
export {
  type CalendarDate,
  type ResidentIdFacts,
  validateResidentId,
} from './resident-id.ts';
export { type BankCardFacts, type CardScheme, validateBankCard } from './bank-card.ts';
export { type PhoneFacts, validatePhone } from './phone.ts';
export { type EmailFacts, validateEmail } from './email.ts';
