//! Helpers more than one of these test files uses.

use std::path::{Path, PathBuf};

/// A list `list.csv` in `dir` of `rows` distinct recipients: `phone` (4477009 and the row's
/// number in five digits, from 0) and `name` (`Name` and the same number).
pub fn phone_list(dir: &Path, rows: u64) -> PathBuf {
    let path = dir.join("list.csv");
    let mut text = String::from("phone,name\n");
    for i in 0..rows {
        text.push_str(&format!("4477009{i:05},Name{i}\n"));
    }
    std::fs::write(&path, text).unwrap();
    path
}
