// Misinformation candidates: registry, claim extraction and matching, risk, review queue, ClaimReview export.
export { buildClaimIndex } from './claim-index.ts';
export type { ClaimIndex, ClaimStatement } from './claim-index.ts';
export { exportClaimReviews } from './claim-review.ts';
export type { ClaimReview, ClaimReviewOptions } from './claim-review.ts';
export { detectContradiction } from './contradiction.ts';
export { extractClaims } from './extract-claims.ts';
export type { ExtractedClaim } from './extract-claims.ts';
export { matchClaimsFile } from './match-claims-file.ts';
export type { MatchClaimsFileOptions, MatchClaimsReport } from './match-claims-file.ts';
export { matchDocument } from './match-document.ts';
export type { ClaimMatch, MatchTier } from './match-document.ts';
export { readStatements } from './read-statements.ts';
export type { StatementInput, Verdict } from './read-statements.ts';
export {
  REVIEW_STATUSES,
  candidateEvents,
  candidateSpread,
  getCandidate,
  listCandidates,
  reviewCandidate,
  reviewTrainingExamples,
} from './review.ts';
export type { ClaimCandidate, ListCandidatesOptions, ReviewInput, ReviewStatus } from './review.ts';
export { riskScore, sensationalStyle } from './risk.ts';
export { refreshRisk, scanDocuments } from './scan-documents.ts';
export type { ScanContext, ScanReport } from './scan-documents.ts';
export { splitSentences } from './sentences.ts';
export { importStatements, listStatements, saveStatement } from './statements.ts';
export type { ImportReport, OfficialStatement } from './statements.ts';
export { DEFAULT_THRESHOLDS, MEEDAN_THRESHOLDS } from './thresholds.ts';
export type { Thresholds } from './thresholds.ts';
