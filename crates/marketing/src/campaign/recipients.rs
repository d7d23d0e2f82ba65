//! Recipient lists, streamed row by row from CSV (with a header row) or JSONL.

use std::fs::File;
use std::io::{BufRead, BufReader, Read};
use std::path::Path;

use sha2::{Digest, Sha256};

use super::CampaignError;

/// One row of a recipient list: its line number and its values by column.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Row {
    /// 1-based line in the file where the row starts.
    pub line: u64,
    values: Vec<(String, String)>,
}

impl Row {
    /// A row from `(column, value)` pairs.
    pub fn new(line: u64, values: Vec<(String, String)>) -> Self {
        Self { line, values }
    }

    /// Every `(column, value)` pair, in the list's order.
    ///
    /// ```
    /// use marketing::campaign::Row;
    ///
    /// let row = Row::new(2, vec![("phone".into(), "447700900123".into())]);
    /// assert_eq!(row.values(), [("phone".to_string(), "447700900123".to_string())]);
    /// ```
    pub fn values(&self) -> &[(String, String)] {
        &self.values
    }

    /// The value in `column`.
    pub fn get(&self, column: &str) -> Option<&str> {
        self.values
            .iter()
            .find(|(c, _)| c == column)
            .map(|(_, v)| v.as_str())
    }
}

/// A row that could not be read, with its line and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BadRow {
    /// 1-based line.
    pub line: u64,
    /// What is wrong.
    pub reason: String,
}

/// The longest line a list may have. A recipient's row is a few hundred bytes; a line
/// beyond this is not a recipient list (or holds data that does not belong in one).
pub const MAX_LINE: usize = 1 << 20;

/// The longest value a field may have. Longer ones make the row invalid.
pub const MAX_FIELD: usize = 64 * 1024;

/// A streaming reader over a recipient list. Memory stays flat however long the list is.
///
/// Every line is accounted for: a row, a bad row with its line number, or an error that ends
/// the reading (an I/O error, a line longer than [`MAX_LINE`]); an error is never taken for
/// the end of the list.
///
/// ```
/// use marketing::campaign::RecipientReader;
///
/// let csv = "phone,first_name\n447700900123,Ana\n447700900124,Ben\n";
/// let mut reader = RecipientReader::from_csv(csv.as_bytes(), csv.len() as u64)?;
/// let row = reader.next_row()?.unwrap().unwrap();
/// assert_eq!((row.line, row.get("first_name")), (2, Some("Ana")));
/// # Ok::<(), marketing::campaign::CampaignError>(())
/// ```
pub struct RecipientReader {
    inner: Inner,
    /// Rows and bad rows yielded so far.
    yielded: u64,
    /// Total bytes, for progress.
    size: u64,
    /// The list's name, for errors.
    name: String,
}

enum Inner {
    Csv {
        reader: csv::Reader<LineCapped<Box<dyn std::io::Read + Send>>>,
        headers: Vec<String>,
        record: csv::StringRecord,
    },
    Jsonl {
        reader: Box<dyn BufRead + Send>,
        line: u64,
        bytes: u64,
        buffer: Vec<u8>,
    },
}

impl std::fmt::Debug for RecipientReader {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RecipientReader")
            .field("name", &self.name)
            .field("size", &self.size)
            .finish_non_exhaustive()
    }
}

/// Fails a read once a line grows past [`MAX_LINE`], so that one enormous line (or a file
/// with no line breaks) cannot take the memory of the process.
struct LineCapped<R> {
    inner: R,
    since_newline: usize,
}

impl<R: std::io::Read> std::io::Read for LineCapped<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        for &byte in &buf[..n] {
            if byte == b'\n' {
                self.since_newline = 0;
            } else {
                self.since_newline += 1;
                if self.since_newline > MAX_LINE {
                    return Err(std::io::Error::new(
                        std::io::ErrorKind::InvalidData,
                        format!("a line is longer than {MAX_LINE} bytes"),
                    ));
                }
            }
        }
        Ok(n)
    }
}

impl RecipientReader {
    /// Opens a list: JSONL when the name ends in `.jsonl` or `.ndjson`, CSV otherwise.
    pub fn open(path: &Path) -> Result<Self, CampaignError> {
        let name = path.display().to_string();
        let (file, meta) = open_list(path)?;
        let size = meta.len();
        let reader = if is_jsonl(path) {
            Self::from_jsonl(BufReader::with_capacity(64 * 1024, file), size)
        } else {
            Self::from_csv(BufReader::with_capacity(64 * 1024, file), size)
                .map_err(|e| CampaignError::Input(format!("{name}: {e}")))?
        };
        Ok(reader.named(name))
    }

    /// Names the list in errors (the path, for a file).
    pub fn named(mut self, name: impl Into<String>) -> Self {
        self.name = name.into();
        self
    }

    /// Reads CSV with a header row.
    pub fn from_csv(
        input: impl std::io::Read + Send + 'static,
        size: u64,
    ) -> Result<Self, CampaignError> {
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(true)
            .flexible(false)
            .trim(csv::Trim::All)
            // Lines end at `\n` (a `\r` before it is trimmed): the csv crate's default also
            // ends records at a lone `\r`, and then numbers the next line wrongly.
            .terminator(csv::Terminator::Any(b'\n'))
            .from_reader(LineCapped {
                inner: Box::new(input) as Box<dyn std::io::Read + Send>,
                since_newline: 0,
            });
        let headers = reader
            .headers()
            .map_err(|e| CampaignError::Input(format!("cannot read the header row: {e}")))?
            .iter()
            .map(str::to_string)
            .collect::<Vec<_>>();
        if headers.iter().all(String::is_empty) {
            return Err(CampaignError::Input("the header row is empty".into()));
        }
        Ok(Self {
            inner: Inner::Csv {
                reader,
                headers,
                record: csv::StringRecord::new(),
            },
            size,
            yielded: 0,
            name: "the recipient list".into(),
        })
    }

    /// Reads JSON Lines: one object per line, values are strings, numbers or booleans.
    pub fn from_jsonl(input: impl BufRead + Send + 'static, size: u64) -> Self {
        Self {
            inner: Inner::Jsonl {
                reader: Box::new(input),
                line: 0,
                bytes: 0,
                buffer: Vec::new(),
            },
            size,
            yielded: 0,
            name: "the recipient list".into(),
        }
    }

    /// The column names, when the format has a header (CSV).
    pub fn columns(&self) -> Option<&[String]> {
        match &self.inner {
            Inner::Csv { headers, .. } => Some(headers),
            Inner::Jsonl { .. } => None,
        }
    }

    /// The list's size in bytes.
    pub fn size(&self) -> u64 {
        self.size
    }

    /// Bytes read so far.
    pub fn position(&self) -> u64 {
        match &self.inner {
            Inner::Csv { reader, .. } => reader.position().byte(),
            Inner::Jsonl { bytes, .. } => *bytes,
        }
    }

    /// The next row: `Ok(None)` at the end, `Ok(Some(Err))` for a row that cannot be used (the
    /// reader goes on with the next line), `Err` when the list cannot be read on: an I/O error,
    /// or a line longer than [`MAX_LINE`].
    pub fn next_row(&mut self) -> Result<Option<Result<Row, BadRow>>, CampaignError> {
        let next = self.read_next()?;
        self.yielded += u64::from(next.is_some());
        Ok(next)
    }

    /// Rows yielded so far by [`next_row`](Self::next_row), bad ones included: at the end of
    /// the list, the count [`survey`] gives for the same bytes.
    pub fn rows_read(&self) -> u64 {
        self.yielded
    }

    fn read_next(&mut self) -> Result<Option<Result<Row, BadRow>>, CampaignError> {
        let name = &self.name;
        match &mut self.inner {
            Inner::Csv {
                reader,
                headers,
                record,
            } => {
                let line = reader.position().line() + 1;
                match reader.read_record(record) {
                    Ok(false) => Ok(None),
                    Ok(true) => {
                        let line = record.position().map_or(line, |p| p.line());
                        if let Some((column, _)) = headers
                            .iter()
                            .zip(record.iter())
                            .find(|(_, value)| value.len() > MAX_FIELD)
                        {
                            return Ok(Some(Err(BadRow {
                                line,
                                reason: format!("`{column}` is longer than {MAX_FIELD} bytes"),
                            })));
                        }
                        let values = headers
                            .iter()
                            .cloned()
                            .zip(record.iter().map(str::to_string))
                            .collect();
                        Ok(Some(Ok(Row::new(line, values))))
                    }
                    Err(err) => {
                        let line = err.position().map_or(line, |p| p.line());
                        let reason = match err.kind() {
                            csv::ErrorKind::UnequalLengths {
                                expected_len, len, ..
                            } => {
                                format!("{len} fields, expected {expected_len} like the header row")
                            }
                            csv::ErrorKind::Utf8 { .. } => "not valid UTF-8".to_string(),
                            csv::ErrorKind::Io(e) => {
                                // A read error will not go away: the list cannot be read on.
                                return Err(CampaignError::Input(format!(
                                    "cannot read {name} at line {line}: {e}"
                                )));
                            }
                            _ => err.to_string(),
                        };
                        Ok(Some(Err(BadRow { line, reason })))
                    }
                }
            }
            Inner::Jsonl {
                reader,
                line,
                bytes,
                buffer,
            } => loop {
                buffer.clear();
                let read = (&mut *reader)
                    .take(MAX_LINE as u64 + 1)
                    .read_until(b'\n', buffer)
                    .map_err(|e| {
                        CampaignError::Input(format!(
                            "cannot read {name} at line {}: {e}",
                            *line + 1
                        ))
                    })?;
                if read == 0 {
                    return Ok(None);
                }
                *line += 1;
                *bytes += read as u64;
                if read > MAX_LINE && buffer.last() != Some(&b'\n') {
                    // Skip the rest of this line without keeping it.
                    *bytes += skip_line(reader).map_err(|e| {
                        CampaignError::Input(format!("cannot read {name} at line {}: {e}", *line))
                    })?;
                    return Ok(Some(Err(BadRow {
                        line: *line,
                        reason: format!("longer than {MAX_LINE} bytes"),
                    })));
                }
                // Blank means ASCII whitespace only, as the survey counts it.
                if buffer.trim_ascii().is_empty() {
                    continue;
                }
                let Ok(text) = std::str::from_utf8(buffer.trim_ascii()) else {
                    return Ok(Some(Err(BadRow {
                        line: *line,
                        reason: "not valid UTF-8".into(),
                    })));
                };
                return Ok(Some(parse_json_row(text, *line)));
            },
        }
    }
}

/// Reads past the next newline without keeping what it reads; returns the bytes skipped.
fn skip_line<R: BufRead + ?Sized>(reader: &mut R) -> std::io::Result<u64> {
    let mut skipped = 0u64;
    loop {
        let buf = reader.fill_buf()?;
        if buf.is_empty() {
            return Ok(skipped);
        }
        match buf.iter().position(|&b| b == b'\n') {
            Some(i) => {
                reader.consume(i + 1);
                return Ok(skipped + i as u64 + 1);
            }
            None => {
                let n = buf.len();
                reader.consume(n);
                skipped += n as u64;
            }
        }
    }
}

/// What a recipient list holds, from one streaming pass: how many rows, and a digest of its
/// bytes that tells whether it is the same list later.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ListSurvey {
    /// Rows the reader will yield (bad ones included; blank lines and the header not).
    pub rows: u64,
    /// `sha256:` and the hex SHA-256 of the file's bytes.
    pub fingerprint: String,
}

/// Counts the rows of a list and takes its fingerprint, reading it once without keeping it.
///
/// ```
/// let dir = tempfile::tempdir()?;
/// let path = dir.path().join("list.csv");
/// std::fs::write(&path, "phone,name\n447700900123,Ana\n\n447700900124,\"Ben\nBo\"\n")?;
/// let survey = marketing::campaign::survey(&path)?;
/// assert_eq!(survey.rows, 2);
/// assert!(survey.fingerprint.starts_with("sha256:"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn survey(path: &Path) -> Result<ListSurvey, CampaignError> {
    let name = path.display().to_string();
    let (file, _) = open_list(path)?;
    survey_from(BufReader::with_capacity(64 * 1024, file), is_jsonl(path))
        .map_err(|e| CampaignError::Input(format!("cannot read {name}: {e}")))
}

/// Opens a list file for reading, refusing what is not a regular file. A campaign reads its
/// list more than once: [`survey`] counts and fingerprints it before anything is sent, the
/// reader reads it again to send, and a resume reads it again later. A pipe (`cat x |`,
/// `<(zcat x)`, a named FIFO, `/dev/stdin` fed by a pipe) can be read once only, so the
/// second reader would see only what the first left and the run would miss most rows.
fn open_list(path: &Path) -> Result<(File, std::fs::Metadata), CampaignError> {
    use std::os::unix::fs::FileTypeExt;
    let name = path.display().to_string();
    let failed = |e: std::io::Error| CampaignError::Input(format!("cannot read {name}: {e}"));
    // Looked at before it is opened: opening a FIFO waits for a writer, maybe for ever.
    let kind = std::fs::metadata(path).map_err(failed)?.file_type();
    if kind.is_file() {
        let file = File::open(path).map_err(failed)?;
        let meta = file.metadata().map_err(failed)?;
        if meta.file_type().is_file() {
            return Ok((file, meta));
        }
        return Err(CampaignError::Input(format!(
            "{name} was replaced by something that is not a file while it was opened"
        )));
    }
    let what = if kind.is_dir() {
        return Err(CampaignError::Input(format!(
            "{name} is a directory, not a recipient list"
        )));
    } else if kind.is_fifo() {
        "a pipe"
    } else if kind.is_socket() {
        "a socket"
    } else {
        "a device"
    };
    Err(CampaignError::Input(format!(
        "{name} is {what}, not a file: a campaign reads its recipient list more than once (to count and fingerprint it before sending, to send, and again on resume), which a pipe allows only once. Save the list to a file first (for example `zcat list.csv.gz > list.csv`) and pass that file"
    )))
}

/// [`survey`] over any input: the rows [`RecipientReader`] will yield from it, counted the
/// same way, without keeping more than one line.
fn survey_from(input: impl BufRead, jsonl: bool) -> std::io::Result<ListSurvey> {
    let mut input = Digesting {
        inner: input,
        digest: Sha256::new(),
    };
    let mut rows = 0u64;
    if jsonl {
        let mut line = Vec::new();
        loop {
            line.clear();
            let read = (&mut input)
                .take(MAX_LINE as u64 + 1)
                .read_until(b'\n', &mut line)?;
            if read == 0 {
                break;
            }
            if read > MAX_LINE && line.last() != Some(&b'\n') {
                skip_line(&mut input)?;
                rows += 1;
            } else if !line.trim_ascii().is_empty() {
                rows += 1;
            }
        }
    } else {
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(true)
            .flexible(true)
            .terminator(csv::Terminator::Any(b'\n'))
            .from_reader(LineCapped {
                inner: &mut input,
                since_newline: 0,
            });
        let mut record = csv::ByteRecord::new();
        loop {
            match reader.read_byte_record(&mut record) {
                Ok(false) => break,
                Ok(true) => rows += 1,
                Err(e) => match e.into_kind() {
                    csv::ErrorKind::Io(e) => return Err(e),
                    _ => rows += 1,
                },
            }
        }
        drop(reader);
        std::io::copy(&mut input, &mut std::io::sink())?;
    }
    let digest = input.digest.finalize();
    let hex: String = digest.iter().map(|b| format!("{b:02x}")).collect();
    Ok(ListSurvey {
        rows,
        fingerprint: format!("sha256:{hex}"),
    })
}

/// Checks that the reader accounts for every line of `bytes`, for the fuzz targets and the
/// property tests: every row or bad row has the line number an independent count gives it,
/// none is skipped or yielded twice, the survey's row count agrees, and nothing in memory
/// makes the reader fail. `Err` says what went wrong.
#[doc(hidden)]
pub fn audit_reader(bytes: &[u8], jsonl: bool) -> Result<(), String> {
    let survey = survey_from(bytes, jsonl).map_err(|e| format!("survey failed: {e}"))?;
    let mut reader = if jsonl {
        RecipientReader::from_jsonl(std::io::Cursor::new(bytes.to_vec()), bytes.len() as u64)
    } else {
        match RecipientReader::from_csv(std::io::Cursor::new(bytes.to_vec()), bytes.len() as u64) {
            Ok(reader) => reader,
            Err(_) => return Ok(()), // no usable header row: refused as a whole
        }
    };
    let mut lines = Vec::new();
    loop {
        match reader.next_row() {
            Ok(None) => break,
            Ok(Some(Ok(row))) => lines.push(row.line),
            Ok(Some(Err(bad))) => lines.push(bad.line),
            Err(e) if e.to_string().contains("longer than") => return Ok(()),
            Err(e) => return Err(format!("read error on bytes in memory: {e}")),
        }
    }
    if lines.len() as u64 != survey.rows {
        return Err(format!(
            "the survey counts {} rows, the reader yielded {} (lines {lines:?})",
            survey.rows,
            lines.len()
        ));
    }
    if lines.windows(2).any(|w| w[0] >= w[1]) {
        return Err(format!("line numbers not strictly increasing: {lines:?}"));
    }
    if jsonl {
        // Independently: every physical line that is not blank, numbered from 1.
        let expected: Vec<u64> = bytes
            .split(|&b| b == b'\n')
            .enumerate()
            .filter(|(_, line)| !line.trim_ascii().is_empty())
            .map(|(i, _)| i as u64 + 1)
            .collect();
        if expected != lines {
            return Err(format!(
                "expected rows on lines {expected:?}, got {lines:?}"
            ));
        }
    }
    Ok(())
}

/// Hashes what passes through it.
struct Digesting<R> {
    inner: R,
    digest: Sha256,
}

impl<R: BufRead> std::io::Read for Digesting<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.digest.update(&buf[..n]);
        Ok(n)
    }
}

impl<R: BufRead> BufRead for Digesting<R> {
    fn fill_buf(&mut self) -> std::io::Result<&[u8]> {
        self.inner.fill_buf()
    }

    fn consume(&mut self, amount: usize) {
        if let Ok(buf) = self.inner.fill_buf() {
            self.digest.update(&buf[..amount.min(buf.len())]);
        }
        self.inner.consume(amount);
    }
}

fn is_jsonl(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("jsonl") || e.eq_ignore_ascii_case("ndjson"))
}

fn parse_json_row(text: &str, line: u64) -> Result<Row, BadRow> {
    let value: serde_json::Value = serde_json::from_str(text).map_err(|e| BadRow {
        line,
        reason: format!("not valid JSON: {e}"),
    })?;
    let serde_json::Value::Object(map) = value else {
        return Err(BadRow {
            line,
            reason: "expected a JSON object".into(),
        });
    };
    let mut values = Vec::with_capacity(map.len());
    for (key, value) in map {
        let text = match value {
            serde_json::Value::String(s) => s,
            serde_json::Value::Number(n) => n.to_string(),
            serde_json::Value::Bool(b) => b.to_string(),
            serde_json::Value::Null => continue,
            other => {
                return Err(BadRow {
                    line,
                    reason: format!("`{key}`: expected a string, number or boolean, got {other}"),
                });
            }
        };
        if text.len() > MAX_FIELD {
            return Err(BadRow {
                line,
                reason: format!("`{key}` is longer than {MAX_FIELD} bytes"),
            });
        }
        values.push((key, text));
    }
    Ok(Row::new(line, values))
}
