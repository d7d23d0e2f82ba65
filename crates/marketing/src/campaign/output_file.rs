//! The files a campaign writes for its user (an export, a dry run's rows, the HTML report):
//! each is written under a temporary name beside its final one and renamed into place once
//! complete, so a reader, a full disk or a crash never finds half a file under the final name.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use super::CampaignError;

/// The folder `path` is in (`.` for a bare name).
fn folder_of(path: &Path) -> PathBuf {
    match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// The name a file is written under before it is renamed to `path`: `.NAME.PID.tmp` in the
/// same folder (so the rename stays on one file system), hidden, and this process's own.
pub(super) fn temp_beside(path: &Path) -> Result<PathBuf, CampaignError> {
    let name = path
        .file_name()
        .ok_or_else(|| CampaignError::Input(format!("{} is not a file name", path.display())))?;
    let mut temp_name = std::ffi::OsString::from(".");
    temp_name.push(name);
    temp_name.push(format!(".{}.tmp", std::process::id()));
    Ok(folder_of(path).join(temp_name))
}

/// A file being written for the user: readable by its owner only (it may hold every
/// recipient), under [`temp_beside`] until [`finish`](Self::finish) puts it in place; dropped
/// unfinished (an error on the way), it is removed.
pub(super) struct OutputFile {
    path: PathBuf,
    temp: PathBuf,
    writer: BufWriter<File>,
    in_place: bool,
}

impl OutputFile {
    /// Starts the file that will be `path`.
    pub(super) fn create(path: &Path) -> Result<Self, CampaignError> {
        use std::os::unix::fs::OpenOptionsExt;
        let temp = temp_beside(path)?;
        let file = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(0o600)
            .open(&temp)
            .map_err(|e| cannot_write(path, e))?;
        Ok(Self {
            path: path.to_path_buf(),
            temp,
            writer: BufWriter::new(file),
            in_place: false,
        })
    }

    /// Where to write the contents.
    pub(super) fn writer(&mut self) -> &mut BufWriter<File> {
        &mut self.writer
    }

    /// The error for a failed write, naming the final file.
    pub(super) fn failed(&self, e: impl std::fmt::Display) -> CampaignError {
        cannot_write(&self.path, e)
    }

    /// Puts the file in place: everything written is on disk, then renamed to its final
    /// name, then the rename itself is made durable (best effort).
    pub(super) fn finish(mut self) -> Result<(), CampaignError> {
        self.writer.flush().map_err(|e| self.failed(e))?;
        self.writer
            .get_ref()
            .sync_all()
            .map_err(|e| self.failed(e))?;
        std::fs::rename(&self.temp, &self.path).map_err(|e| self.failed(e))?;
        self.in_place = true;
        if let Ok(folder) = File::open(folder_of(&self.path)) {
            let _ = folder.sync_all();
        }
        Ok(())
    }
}

impl Drop for OutputFile {
    fn drop(&mut self) {
        if !self.in_place {
            let _ = std::fs::remove_file(&self.temp);
        }
    }
}

/// "cannot write PATH: why".
fn cannot_write(path: &Path, e: impl std::fmt::Display) -> CampaignError {
    CampaignError::Output(format!("cannot write {}: {e}", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_temporary_name_is_hidden_beside_the_final_one() {
        let pid = std::process::id();
        assert_eq!(
            temp_beside(Path::new("out/results.csv")).unwrap(),
            PathBuf::from(format!("out/.results.csv.{pid}.tmp"))
        );
        assert_eq!(
            temp_beside(Path::new("page.html")).unwrap(),
            PathBuf::from(format!("./.page.html.{pid}.tmp"))
        );
        let error = temp_beside(Path::new("/")).unwrap_err().to_string();
        assert!(error.contains("/ is not a file name"), "{error}");
    }

    /// Until it is finished the file is only under its temporary name, owner-only; dropped
    /// unfinished it leaves nothing.
    #[test]
    fn a_file_appears_whole_or_not_at_all() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("rows.jsonl");
        let mut file = OutputFile::create(&path).unwrap();
        file.writer().write_all(b"{}\n").unwrap();
        assert!(!path.exists());
        file.finish().unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"{}\n");
        let mode = std::fs::metadata(&path).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);

        let abandoned = dir.path().join("abandoned.csv");
        let mut file = OutputFile::create(&abandoned).unwrap();
        file.writer().write_all(b"half").unwrap();
        drop(file);
        let left: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(left.len(), 1, "only rows.jsonl: {left:?}");
    }
}
