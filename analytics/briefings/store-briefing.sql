-- name: delete
DELETE FROM briefings WHERE id = $id;

-- name: insert
INSERT INTO briefings (id, period, period_from, period_to, unit_uid, lang, classification, title, created_at,
                       data_as_of, created_by, summary, model, html, docx)
VALUES ($id, $period, $period_from::TIMESTAMPTZ, $period_to::TIMESTAMPTZ, $unit_uid, $lang, $classification,
        $title, $created_at::TIMESTAMPTZ, $data_as_of::TIMESTAMPTZ, $created_by, $summary::JSON, $model::JSON, $html,
        from_base64($docx));

-- name: list
SELECT id, period, period_from, period_to, unit_uid, lang, classification, title, created_at, data_as_of,
       created_by, summary
FROM briefings
WHERE ($period IS NULL OR period = $period)
  AND ($unit_uid IS NULL OR unit_uid = $unit_uid)
  AND classification <= $max_classification
ORDER BY period_from DESC, period, coalesce(unit_uid, ''), lang
LIMIT $limit;

-- name: get
SELECT id, period, period_from, period_to, unit_uid, lang, classification, title, created_at, data_as_of,
       created_by, summary, model, html, docx
FROM briefings
WHERE id = $id;

-- name: present
SELECT id FROM briefings WHERE list_contains($ids::VARCHAR[], id) ORDER BY id;
