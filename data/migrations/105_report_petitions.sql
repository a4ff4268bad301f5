-- Petitions and citizen receptions (đơn thư, tiếp công dân) are imported as reports: what kind of petition it is
-- and how many people brought it (a group petition, "đoàn đông người", is a signal of its own).
ALTER TABLE reports ADD COLUMN kind VARCHAR;      -- khiếu nại | tố cáo | kiến nghị, phản ánh | as given; NULL: a report
ALTER TABLE reports ADD COLUMN people INTEGER;    -- people who brought it, when the register says
