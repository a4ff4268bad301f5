-- Analysts' corrections of a document's scores (one row per document, the latest). A correction wins over every
-- model's output: doc_scores is updated when it is made and again after each scoring run, so counts, hot spots and
-- exports use it. `dlxh nlp corrections` writes them out as training data for `dlxh nlp train`.
CREATE TABLE doc_corrections (
  doc_id        VARCHAR PRIMARY KEY,
  sentiment     VARCHAR,              -- positive | negative | neutral; NULL: the model's stands
  topics        VARCHAR[],            -- taxonomy ids ([] = none of them); NULL: the model's stand
  corrected_by  VARCHAR NOT NULL,
  corrected_at  TIMESTAMPTZ NOT NULL,
  note          VARCHAR
);
