//! Recipient lists, streamed row by row from CSV (with a header row) or JSONL.

use std::fs::File;
use std::io::{BufRead, BufReader};
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

/// A streaming reader over a recipient list. Memory stays flat however long the list is.
///
/// ```
/// use marketing::campaign::RecipientReader;
///
/// let csv = "phone,first_name\n447700900123,Ana\n447700900124,Ben\n";
/// let mut reader = RecipientReader::from_csv(csv.as_bytes(), csv.len() as u64)?;
/// let row = reader.next_row().unwrap().unwrap();
/// assert_eq!((row.line, row.get("first_name")), (2, Some("Ana")));
/// # Ok::<(), marketing::campaign::CampaignError>(())
/// ```
pub struct RecipientReader {
    inner: Inner,
    /// Total bytes, for progress.
    size: u64,
}

enum Inner {
    Csv {
        reader: csv::Reader<Box<dyn std::io::Read + Send>>,
        headers: Vec<String>,
        record: csv::StringRecord,
    },
    Jsonl {
        reader: Box<dyn BufRead + Send>,
        line: u64,
        bytes: u64,
        buffer: String,
    },
}

impl std::fmt::Debug for RecipientReader {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RecipientReader")
            .field("size", &self.size)
            .finish_non_exhaustive()
    }
}

impl RecipientReader {
    /// Opens a list: JSONL when the name ends in `.jsonl` or `.ndjson`, CSV otherwise.
    pub fn open(path: &Path) -> Result<Self, CampaignError> {
        let name = path.display().to_string();
        let file = File::open(path)
            .map_err(|e| CampaignError::Input(format!("cannot read {name}: {e}")))?;
        let size = file.metadata().map(|m| m.len()).unwrap_or(0);
        if is_jsonl(path) {
            Ok(Self::from_jsonl(
                BufReader::with_capacity(64 * 1024, file),
                size,
            ))
        } else {
            Self::from_csv(BufReader::with_capacity(64 * 1024, file), size)
                .map_err(|e| CampaignError::Input(format!("{name}: {e}")))
        }
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
            .from_reader(Box::new(input) as Box<dyn std::io::Read + Send>);
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
        })
    }

    /// Reads JSON Lines: one object per line, values are strings, numbers or booleans.
    pub fn from_jsonl(input: impl BufRead + Send + 'static, size: u64) -> Self {
        Self {
            inner: Inner::Jsonl {
                reader: Box::new(input),
                line: 0,
                bytes: 0,
                buffer: String::new(),
            },
            size,
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

    /// The next row: `None` at the end, `Some(Err)` for a row that cannot be read (the reader
    /// goes on with the next one).
    pub fn next_row(&mut self) -> Option<Result<Row, BadRow>> {
        match &mut self.inner {
            Inner::Csv {
                reader,
                headers,
                record,
            } => {
                let line = reader.position().line() + 1;
                match reader.read_record(record) {
                    Ok(false) => None,
                    Ok(true) => {
                        let line = record.position().map_or(line, |p| p.line());
                        let values = headers
                            .iter()
                            .cloned()
                            .zip(record.iter().map(str::to_string))
                            .collect();
                        Some(Ok(Row::new(line, values)))
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
                            _ => err.to_string(),
                        };
                        if matches!(err.kind(), csv::ErrorKind::Io(_)) {
                            // A read error will not go away; stop here.
                            return None;
                        }
                        Some(Err(BadRow { line, reason }))
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
                let n = match reader.read_line(buffer) {
                    Ok(0) => return None,
                    Ok(n) => n,
                    Err(err) => {
                        *line += 1;
                        if err.kind() == std::io::ErrorKind::InvalidData {
                            // Not UTF-8: skip to the end of this line.
                            let mut raw = Vec::new();
                            let _ = reader.read_until(b'\n', &mut raw);
                            *bytes += raw.len() as u64;
                            return Some(Err(BadRow {
                                line: *line,
                                reason: "not valid UTF-8".into(),
                            }));
                        }
                        return None;
                    }
                };
                *line += 1;
                *bytes += n as u64;
                let text = buffer.trim();
                if text.is_empty() {
                    continue;
                }
                return Some(parse_json_row(text, *line));
            },
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
    let failed = |e: std::io::Error| CampaignError::Input(format!("cannot read {name}: {e}"));
    let file = File::open(path).map_err(failed)?;
    let mut input = Digesting {
        inner: BufReader::with_capacity(64 * 1024, file),
        digest: Sha256::new(),
    };
    let mut rows = 0u64;
    if is_jsonl(path) {
        let mut line = Vec::new();
        loop {
            line.clear();
            if input.read_until(b'\n', &mut line).map_err(failed)? == 0 {
                break;
            }
            if !line.trim_ascii().is_empty() {
                rows += 1;
            }
        }
    } else {
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(true)
            .flexible(true)
            .from_reader(&mut input);
        let mut record = csv::ByteRecord::new();
        loop {
            match reader.read_byte_record(&mut record) {
                Ok(false) => break,
                Ok(true) => rows += 1,
                Err(e) => match e.into_kind() {
                    csv::ErrorKind::Io(e) => return Err(failed(e)),
                    _ => rows += 1,
                },
            }
        }
        drop(reader);
        std::io::copy(&mut input, &mut std::io::sink()).map_err(failed)?;
    }
    let digest = input.digest.finalize();
    let hex: String = digest.iter().map(|b| format!("{b:02x}")).collect();
    Ok(ListSurvey {
        rows,
        fingerprint: format!("sha256:{hex}"),
    })
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
        values.push((key, text));
    }
    Ok(Row::new(line, values))
}
