-- Need-to-know and sign-in: the topics each unit or agency is responsible for, specialised agencies
-- (which are not administrative units), and failed sign-ins per user name for the lock-out.
CREATE TABLE agencies (
  uid       VARCHAR PRIMARY KEY,   -- e.g. 'so-y-te'; users.unit_uid may name an agency instead of a unit
  name      VARCHAR NOT NULL,
  area_uid  VARCHAR                -- the administrative unit it serves; NULL: its topics only
);

CREATE TABLE unit_topics (
  unit_uid  VARCHAR NOT NULL,      -- a units.uid or an agencies.uid
  topic_id  VARCHAR NOT NULL,
  PRIMARY KEY (unit_uid, topic_id)
);

CREATE TABLE login_failures (
  username         VARCHAR PRIMARY KEY,
  failures         INTEGER NOT NULL,
  last_failed_at   TIMESTAMPTZ NOT NULL,
  locked_until     TIMESTAMPTZ
);

-- The province's specialised agencies after the 2025 reorganisation, and the topics they answer for.
INSERT INTO agencies VALUES
  ('ban-tuyen-giao', 'Ban Tuyên giáo và Dân vận Tỉnh ủy', '66/2025'),
  ('so-y-te', 'Sở Y tế', NULL),
  ('so-giao-duc', 'Sở Giáo dục và Đào tạo', NULL),
  ('so-nong-nghiep-moi-truong', 'Sở Nông nghiệp và Môi trường', NULL),
  ('so-xay-dung', 'Sở Xây dựng', NULL),
  ('so-tai-chinh', 'Sở Tài chính', NULL),
  ('so-noi-vu', 'Sở Nội vụ', NULL),
  ('so-dan-toc-ton-giao', 'Sở Dân tộc và Tôn giáo', NULL),
  ('cong-an-tinh', 'Công an tỉnh', NULL),
  ('thanh-tra-tinh', 'Thanh tra tỉnh', NULL);

INSERT INTO unit_topics VALUES
  ('so-y-te', 'y-te'),
  ('so-giao-duc', 'giao-duc'),
  ('so-nong-nghiep-moi-truong', 'nong-nghiep'),
  ('so-nong-nghiep-moi-truong', 'moi-truong'),
  ('so-nong-nghiep-moi-truong', 'dat-dai'),
  ('so-nong-nghiep-moi-truong', 'thien-tai'),
  ('so-nong-nghiep-moi-truong', 'nuoc-sinh-hoat'),
  ('so-xay-dung', 'giao-thong'),
  ('so-tai-chinh', 'gia-ca'),
  ('so-noi-vu', 'thu-tuc-hanh-chinh'),
  ('so-noi-vu', 'an-sinh'),
  ('so-dan-toc-ton-giao', 'dan-toc-ton-giao'),
  ('cong-an-tinh', 'an-ninh'),
  ('cong-an-tinh', 'tin-don'),
  ('thanh-tra-tinh', 'tham-nhung');
