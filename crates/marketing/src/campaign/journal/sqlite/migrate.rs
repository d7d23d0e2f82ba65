//! The file journal's layout, as numbered migrations (`migrations/sqlite/`), like the
//! PostgreSQL schema's. The version a file has reached is its `PRAGMA user_version`; each
//! migration runs once, in a transaction with the new version, under the writer lock.
//!
//! Journals written before the migrations existed have version 0 and tables: [`legacy`]
//! brings them to migration 1's layout first, whatever release wrote them.

use rusqlite::{Connection, params};

/// The migrations, in order: (version, SQL).
const MIGRATIONS: &[(i32, &str)] = &[
    (
        1,
        include_str!("../../../../migrations/sqlite/0001_journal.sql"),
    ),
    (
        2,
        include_str!("../../../../migrations/sqlite/0002_template_versions.sql"),
    ),
    (
        3,
        include_str!("../../../../migrations/sqlite/0003_seeds.sql"),
    ),
    (
        4,
        include_str!("../../../../migrations/sqlite/0004_send_windows.sql"),
    ),
    (
        5,
        include_str!("../../../../migrations/sqlite/0005_variants.sql"),
    ),
];

/// The version the last migration brings a file to (the numbers may skip: each branch of work
/// keeps its own).
#[cfg(test)]
pub(super) fn latest() -> i32 {
    MIGRATIONS.last().map_or(0, |(to, _)| *to)
}

/// Applies every migration the file has not had. Returns the version it is at.
pub(super) fn migrate(conn: &mut Connection) -> Result<i32, rusqlite::Error> {
    let mut version: i32 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    if version == 0 && has_table(conn, "campaign")? {
        tracing::info!(
            from = 0,
            to = 1,
            "journal: upgrading a journal written before migrations"
        );
        let tx = conn.transaction()?;
        legacy(&tx)?;
        tx.pragma_update(None, "user_version", 1)?;
        tx.commit()?;
        version = 1;
    }
    let pending: Vec<&(i32, &str)> = MIGRATIONS.iter().filter(|(to, _)| *to > version).collect();
    // A new file takes them all (debug); an older journal is upgraded (info).
    let new_file = version == 0;
    for (to, sql) in pending {
        if new_file {
            tracing::debug!(to, "journal: applying a migration");
        } else {
            tracing::info!(from = version, to, "journal: upgrading");
        }
        let tx = conn.transaction()?;
        tx.execute_batch(sql)?;
        tx.pragma_update(None, "user_version", to)?;
        tx.commit()?;
        version = *to;
    }
    Ok(version)
}

/// Columns added after the first release, with their types, in the order they came.
const ADDED_COLUMNS: &[(&str, &str, &str)] = &[
    ("campaign", "recipients_rows", "INTEGER"),
    ("campaign", "campaign_path", "TEXT"),
    ("recipients", "revision", "INTEGER"),
    ("runs", "template", "TEXT"),
    ("recipients", "sent_from", "TEXT"),
    ("recipients", "reserved_space", "BLOB"),
];

/// Brings a journal written before numbered migrations to migration 1's layout: the tables
/// later releases added, the columns they added, the revision its definition is, and no
/// index on state (which releases before 0.1 kept; it cost every write more than a report
/// saved).
fn legacy(tx: &Connection) -> Result<(), rusqlite::Error> {
    // Creates only the tables that are missing; the columns come next.
    tx.execute_batch(MIGRATIONS[0].1)?;
    tx.execute_batch("DROP INDEX IF EXISTS recipients_state;")?;
    for (table, column, kind) in ADDED_COLUMNS {
        if !has_column(tx, table, column)? {
            tx.execute_batch(&format!("ALTER TABLE {table} ADD COLUMN {column} {kind}"))?;
        }
    }
    // Journals from before revisions were kept: the stored definition is revision 1.
    tx.execute(
        "INSERT INTO revisions (id, definition, source, created_ms)
         SELECT 1, definition, campaign_path, created_ms FROM campaign
         WHERE id = 1 AND NOT EXISTS (SELECT 1 FROM revisions)",
        [],
    )?;
    Ok(())
}

pub(super) fn has_table(conn: &Connection, table: &str) -> Result<bool, rusqlite::Error> {
    conn.query_row(
        "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = ?1",
        params![table],
        |r| r.get::<_, i64>(0).map(|n| n > 0),
    )
}

pub(super) fn has_column(
    conn: &Connection,
    table: &str,
    column: &str,
) -> Result<bool, rusqlite::Error> {
    conn.query_row(
        &format!("SELECT COUNT(*) FROM pragma_table_info('{table}') WHERE name = ?1"),
        params![column],
        |r| r.get::<_, i64>(0).map(|n| n > 0),
    )
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;

    /// The layout of the first release (before any column was added, with the index on state
    /// releases before 0.1 kept), as the first release (2aad31b) wrote it.
    pub(in super::super) const FIRST_RELEASE: &str = "
        CREATE TABLE campaign (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            definition TEXT NOT NULL,
            recipients_path TEXT NOT NULL,
            recipients_fingerprint TEXT NOT NULL,
            created_ms INTEGER NOT NULL
        );
        CREATE TABLE recipients (
            line INTEGER PRIMARY KEY,
            key TEXT UNIQUE,
            state TEXT NOT NULL,
            attempts INTEGER NOT NULL DEFAULT 0,
            wamid TEXT,
            message_status TEXT,
            error_code INTEGER,
            reason TEXT,
            updated_ms INTEGER NOT NULL
        );
        CREATE INDEX recipients_state ON recipients (state);
        CREATE TABLE runs (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            started_ms INTEGER NOT NULL,
            finished_ms INTEGER,
            sent INTEGER NOT NULL DEFAULT 0,
            outcome TEXT
        );
        INSERT INTO campaign VALUES (1, '{}', '/l.csv', '1234:5678', 7);
        INSERT INTO recipients (line, key, state, attempts, updated_ms)
            VALUES (2, 'a', 'sent', 1, 7), (3, 'b', 'in_flight', 0, 7);
    ";

    fn columns(conn: &Connection, table: &str) -> Vec<String> {
        let mut stmt = conn
            .prepare(&format!("SELECT name FROM pragma_table_info('{table}')"))
            .unwrap();
        stmt.query_map([], |r| r.get(0))
            .unwrap()
            .map(Result::unwrap)
            .collect()
    }

    /// A journal of the first release ends with the layout of a new one, its rows and its
    /// definition (as revision 1) kept.
    #[test]
    fn the_first_releases_layout_becomes_the_latest() {
        let mut old = Connection::open_in_memory().unwrap();
        old.execute_batch(FIRST_RELEASE).unwrap();
        assert_eq!(migrate(&mut old).unwrap(), latest());
        let mut new = Connection::open_in_memory().unwrap();
        assert_eq!(migrate(&mut new).unwrap(), latest());
        for table in [
            "campaign",
            "recipients",
            "revisions",
            "runs",
            "template_versions",
            "arms",
        ] {
            let (mut was, mut fresh) = (columns(&old, table), columns(&new, table));
            was.sort();
            fresh.sort();
            assert_eq!(was, fresh, "{table}");
        }
        assert!(!has_index(&old, "recipients_state"));
        let kept: i64 = old
            .query_row("SELECT COUNT(*) FROM recipients", [], |r| r.get(0))
            .unwrap();
        assert_eq!(kept, 2);
        let revision: String = old
            .query_row("SELECT definition FROM revisions WHERE id = 1", [], |r| {
                r.get(0)
            })
            .unwrap();
        assert_eq!(revision, "{}");
        // A second open changes nothing.
        assert_eq!(migrate(&mut old).unwrap(), latest());
    }

    fn has_index(conn: &Connection, name: &str) -> bool {
        conn.query_row(
            "SELECT COUNT(*) FROM sqlite_master WHERE type = 'index' AND name = ?1",
            params![name],
            |r| r.get::<_, i64>(0),
        )
        .unwrap()
            > 0
    }
}
