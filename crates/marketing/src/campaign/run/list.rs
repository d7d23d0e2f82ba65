//! Reading the list as it was counted before sending. The list is a file that may change
//! under a run (edited, truncated, appended to); rows are matched by line, so a run must
//! notice and stop rather than send rows of another list.

use super::super::halt::StopReason;
use super::super::recipients::{BadRow, RecipientReader, Row};

/// The recipient list, read in batches against the number of rows counted before sending.
pub(super) struct CountedList {
    reader: RecipientReader,
    /// Rows the list had when it was counted.
    counted: u64,
    /// The last row read, held back until the next read shows whether the list goes on.
    held: Option<Result<Row, BadRow>>,
}

/// What one read of the list gave.
pub(super) struct ListRead {
    pub(super) rows: Vec<Result<Row, BadRow>>,
    /// The list will give no more: it ended, grew past its count, or cannot be read on.
    pub(super) ended: bool,
    /// It ended exactly at the rows counted before sending.
    pub(super) whole: bool,
    /// Why the run must stop: the list is not the one counted, or cannot be read.
    pub(super) stop: Option<StopReason>,
    /// The list could not be read on (not its end).
    pub(super) unreadable: bool,
}

impl CountedList {
    pub(super) fn new(reader: RecipientReader, counted: u64) -> Self {
        Self {
            reader,
            counted,
            held: None,
        }
    }

    /// The list's size in bytes.
    pub(super) fn size(&self) -> u64 {
        self.reader.size()
    }

    /// Bytes of the list read so far.
    pub(super) fn position(&self) -> u64 {
        self.reader.position()
    }

    /// Up to `wanted` more rows of the list (bad ones included), one held back each time so
    /// that the list's last row is never used before the end shows whether the list is whole:
    /// a list that ends short of the rows counted before sending may end in a line cut in
    /// two, and its last row is then left for a resume of the restored list, neither sent nor
    /// recorded. A list that grows past the rows counted stops the run before the first row
    /// beyond them. What is loaded or sent before a read error stays; a resume reads on.
    pub(super) fn next_rows(&mut self, wanted: usize) -> ListRead {
        let mut rows: Vec<Result<Row, BadRow>> = self.held.take().into_iter().collect();
        let mut read = ListRead {
            rows: Vec::new(),
            ended: false,
            whole: true,
            stop: None,
            unreadable: false,
        };
        while rows.len() <= wanted {
            match self.reader.next_row() {
                Ok(None) => {
                    read.ended = true;
                    if let Some(stop) = self.ended_short() {
                        read.stop = Some(stop);
                        read.whole = false;
                        rows.pop();
                    }
                    break;
                }
                Ok(Some(next)) => {
                    if self.reader.rows_read() > self.counted {
                        read.stop = Some(self.grew());
                        read.ended = true;
                        read.whole = false;
                        break;
                    }
                    rows.push(next);
                }
                Err(error) => {
                    // Not its end: every row not yet sent is kept for a resume once it reads.
                    read.stop = Some(StopReason::local(error.to_string()));
                    read.unreadable = true;
                    read.ended = true;
                    read.whole = false;
                    break;
                }
            }
        }
        if !read.ended {
            self.held = rows.pop();
        }
        read.rows = rows;
        read
    }

    /// The reader reached the end of the list: it must have yielded every row the list had
    /// when it was counted. Fewer means the list is not the one counted (it was changed or
    /// truncated while the run read it): the run stops rather than call the campaign complete.
    fn ended_short(&self) -> Option<StopReason> {
        let read = self.reader.rows_read();
        (read < self.counted).then(|| {
            StopReason::local(format!(
                "the recipient list ended after {read} rows, but it had {} when it was counted before sending: it changed while the run read it; restore it and resume",
                self.counted
            ))
        })
    }

    /// The list has more rows than were counted before sending: it changed while the run
    /// read it. The run stops before sending any row beyond the count.
    fn grew(&self) -> StopReason {
        StopReason::local(format!(
            "the recipient list has more rows than the {} counted before sending (at least {}): it changed while the run read it; nothing beyond the count was sent. Rows are matched by line, so a resume needs the list as it was: restore it, or start a new campaign for the new list",
            self.counted,
            self.reader.rows_read()
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn list(csv: &str, counted: u64) -> CountedList {
        let bytes = csv.as_bytes().to_vec();
        let size = bytes.len() as u64;
        let reader = RecipientReader::from_csv(std::io::Cursor::new(bytes), size).unwrap();
        CountedList::new(reader, counted)
    }

    fn lines(read: &ListRead) -> Vec<u64> {
        read.rows
            .iter()
            .map(|r| match r {
                Ok(row) => row.line,
                Err(bad) => bad.line,
            })
            .collect()
    }

    #[test]
    fn the_last_row_read_waits_for_the_next_read_and_a_whole_list_ends_whole() {
        let mut list = list("phone\n1\n2\n3\n", 3);
        let first = list.next_rows(2);
        assert_eq!(lines(&first), [2, 3]);
        assert!(!first.ended && first.stop.is_none());
        let rest = list.next_rows(2);
        assert_eq!(lines(&rest), [4]);
        assert!(rest.ended && rest.whole && rest.stop.is_none());
    }

    #[test]
    fn a_list_shorter_than_counted_keeps_its_last_row_back_and_stops() {
        let mut list = list("phone\n1\n2\n", 3);
        let read = list.next_rows(10);
        assert_eq!(lines(&read), [2]);
        assert!(read.ended && !read.whole);
        assert!(read.stop.unwrap().message.contains("ended after 2 rows"));
    }

    #[test]
    fn a_list_longer_than_counted_stops_before_the_first_row_beyond() {
        let mut list = list("phone\n1\n2\n3\n", 2);
        let read = list.next_rows(10);
        assert_eq!(lines(&read), [2, 3]);
        assert!(read.ended && !read.whole);
        assert!(read.stop.unwrap().message.contains("more rows than the 2"));
    }
}
