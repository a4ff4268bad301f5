-- name: topic_options
-- Topics the candidates the user may see carry, for the queue's topic filter.
SELECT DISTINCT tp.id, tp.name_vi, tp.name_en
FROM (SELECT unnest(topics) AS topic FROM claim_candidates) c JOIN topics tp ON tp.id = c.topic
ORDER BY tp.name_vi;

-- name: unit_options
-- Units where the candidates the user may see are located, for the queue's unit filter.
SELECT DISTINCT u.uid, u.name FROM claim_candidates c JOIN units u ON u.uid = c.locality_uid ORDER BY u.name, u.uid;
