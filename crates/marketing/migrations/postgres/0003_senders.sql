-- Pacing shared by every worker sending for one phone number: the end of the send schedule
-- reserved so far, in Unix milliseconds by the database server's clock. A worker reserves a
-- block of consecutive slots at its rate by moving it forward; blocks never overlap, so the
-- number's rate holds however many workers send for it.
CREATE TABLE wamm.senders (
    phone_number_id text PRIMARY KEY,
    next_ms double precision NOT NULL
);
