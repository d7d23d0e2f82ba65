-- Variants and a holdout (issue 29): the variant each row was assigned, by line. A row held
-- out as the control group has no variant here; its state is `held_out`. Written before the
-- row's reservation or outcome, in a transaction of its own: the assignment is a function of
-- the campaign and the recipient, so a crash between the two writes the same arm again.
CREATE TABLE IF NOT EXISTS arms (
    line INTEGER PRIMARY KEY,
    variant TEXT NOT NULL
);
