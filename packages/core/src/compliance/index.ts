/**
 * Compliance: PII detection and desensitisation, the provenance Merkle ledger and export
 * manifests, bias statistics and the content-safety lexicon. Pure: no IO, no Node built-ins.
 */

// Bytes and hashing
export { bytesEqual, concatBytes, fromBase64, fromHex, toBase64, toHex, utf8 } from './bytes.ts';
export { Sha256, sha256, sha256Hex } from './sha256.ts';
export { hmacSha256 } from './hmac.ts';

// Text offsets and normalisation
export { codePointIndex, codePointLength, sliceCodePoints } from './code-points.ts';
export type { CodePointIndex } from './code-points.ts';
export { foldCase, normalizeWidth } from './normalize.ts';

// PII detection
export { PII_ENTITIES } from './pii/types.ts';
export type { PiiEntity, PiiFinding } from './pii/types.ts';
export { DEFAULT_MIN_SCORE, detectPii, preparePii, resolveOverlaps } from './pii/detect.ts';
export type { DetectPiiOptions } from './pii/detect.ts';
export {
  cnIdCheckChar,
  isValidCnResidentId,
  isValidLegacyCnResidentId,
  isValidDate,
  luhnValid,
} from './pii/checksums.ts';
export { detectCnResidentIds } from './pii/cn-resident-id.ts';
export { detectCnPhones } from './pii/cn-phone.ts';
export { detectBankCards } from './pii/bank-card.ts';
export { detectEmails } from './pii/email.ts';
export { detectIpAddresses, isValidIpv6 } from './pii/ip-address.ts';
export { detectUrlCredentials } from './pii/url-credentials.ts';
export { detectPassports } from './pii/passport.ts';
export { detectUsSsns, isPlausibleSsn } from './pii/us-ssn.ts';
export { detectCnPlates } from './pii/cn-plate.ts';
export { detectCnPersons } from './pii/cn-name.ts';
export { detectCnAddresses } from './pii/cn-address.ts';
export { detectPersons, loadPersonNames, personNamesReady } from './pii/en-name.ts';
export { detectPhoneNumbers } from './pii/phone.ts';
export { scorePii } from './pii/evaluate.ts';
export type { EntityScore, GoldSpan, LabelledText } from './pii/evaluate.ts';
export { CN_COMPOUND_SURNAMES, CN_SINGLE_SURNAMES } from './pii/cn-surnames.ts';

// Desensitisation
export { applyOperators, DEFAULT_REDACTION_POLICY, maskValue } from './redact.ts';
export type { Operator, RedactableFinding, RedactionPolicy, RedactionResult } from './redact.ts';
export { canonicalValue, pseudonym } from './pseudonym.ts';
export type { PseudonymStyle } from './pseudonym.ts';
export { OffsetMap } from './offset-map.ts';
export type { ReplacedSegment, Span } from './offset-map.ts';

// Provenance ledger
export { EMPTY_ROOT, HASH_SIZE, hashChildren, hashLeaf } from './merkle/hasher.ts';
export {
  consistencyProof,
  consistencyProofFromHashes,
  inclusionProof,
  inclusionProofFromHashes,
  inclusionProofFromLevels,
  merkleLevels,
  merkleRoot,
  merkleRootFromHashes,
} from './merkle/tree.ts';
export { verifyConsistency, verifyInclusion } from './merkle/verify.ts';
export { CompactRange } from './merkle/compact-range.ts';
export type { CompactRangeState } from './merkle/compact-range.ts';
export { encodeTreeHead, signTreeHead, verifyTreeHead } from './merkle/tree-head.ts';
export type { SignedTreeHead, SignFn, TreeHead, VerifyFn } from './merkle/tree-head.ts';
export { buildManifest, manifestLeaf, manifestSigningBytes, verifyManifest } from './manifest.ts';
export type {
  ExportedItem,
  ExportManifest,
  ManifestFailureReason,
  ManifestItem,
  ManifestVerification,
} from './manifest.ts';

// Bias
export { annotatorBias, biasReport, demographicParity, labelDistribution } from './bias.ts';
export type {
  AnnotatorBias,
  AnnotatorLabel,
  BiasReport,
  GroupLabel,
  LabelDistribution,
  LabelParity,
  Stat,
} from './bias.ts';
export { chiSquareIndependence } from './chi-square.ts';
export type { ChiSquareOptions, ChiSquareTest } from './chi-square.ts';
export { chiSquareSurvival, logGamma, regularizedGammaP, regularizedGammaQ } from './gamma.ts';

// Content-safety lexicon
export { Lexicon } from './lexicon.ts';
export type { LexiconMatch, LexiconOptions, LexiconTerm } from './lexicon.ts';
