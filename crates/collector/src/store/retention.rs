//! Retention: raw rows received before a cutoff are deleted, in small batches between the
//! writer's other work, and never all at once on the word of a clock that may have jumped.

use rusqlite::{Connection, OptionalExtension};

use super::Table;

/// Rows deleted per table in one step: each step is its own short transaction, so answers
/// keep being committed while a large backlog is deleted.
pub const BATCH: usize = 1000;

/// Why a retention run was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Refused {
    /// The newest receive time stored (unix seconds).
    pub newest: i64,
}

/// Refuses a cutoff later than the newest stored row: it would delete every raw row, which a
/// correct clock only asks for after no answer at all for the whole retention period, and a
/// clock jumped into the future asks for at once. Deletion resumes by itself once new answers
/// arrive (or the clock is fixed).
pub fn check(conn: &Connection, cutoff: i64) -> rusqlite::Result<Result<(), Refused>> {
    let newest: Option<i64> = conn
        .query_row(
            "SELECT MAX(m) FROM (SELECT MAX(received_at) AS m FROM responses UNION ALL SELECT MAX(received_at) FROM dossier_ratings)",
            [],
            |r| r.get(0),
        )
        .optional()?
        .flatten();
    Ok(match newest {
        Some(newest) if cutoff > newest => Err(Refused { newest }),
        _ => Ok(()),
    })
}

/// Deletes up to [`BATCH`] raw rows of each table received before `cutoff` (unix seconds), and
/// as many reach counter rows of earlier days; answer counts stay. Returns the rows deleted (0 when none are left).
pub fn delete_batch(conn: &Connection, cutoff: i64) -> rusqlite::Result<usize> {
    let mut deleted = 0;
    for table in [Table::Responses, Table::DossierRatings] {
        let t = table.name();
        deleted += conn.execute(
            &format!("DELETE FROM {t} WHERE id IN (SELECT id FROM {t} WHERE received_at < ?1 LIMIT {BATCH})"),
            [cutoff],
        )?;
    }
    // The reach counters follow the answers' retention, by local day.
    deleted += super::usage::delete_before(conn, cutoff, BATCH)?;
    Ok(deleted)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::{open_writer, write_batch, NewResponse};
    use tthc_core::envelope::uuid_v4_from_bytes;
    use tthc_core::survey::parse_body;

    #[test]
    fn deletes_in_batches_and_refuses_to_empty_the_tables() {
        let path = std::env::temp_dir().join(format!("collector-retention-{}.sqlite3", std::process::id()));
        let mut conn = open_writer(&path).unwrap();
        let rows: Vec<NewResponse> = (0..2500u32)
            .map(|i| {
                let id = uuid_v4_from_bytes([i.to_be_bytes(), [0; 4], [1; 4], [2; 4]].concat().try_into().unwrap());
                let body = format!(
                    r#"{{"id":"{id}","survey":"helpful@2025","province":"ha-noi","answers":{{"huu_ich":5}},"lang":"vi","widget":"0.1.0"}}"#
                );
                NewResponse::new(parse_body(body.as_bytes()).unwrap(), Table::Responses, 1_000 + i64::from(i))
            })
            .collect();
        write_batch(&mut conn, &rows).unwrap();
        // A clock far in the future would delete everything: refused.
        assert_eq!(check(&conn, 10_000).unwrap(), Err(Refused { newest: 3_499 }));
        assert_eq!(check(&conn, 3_000).unwrap(), Ok(()));
        assert_eq!(delete_batch(&conn, 3_000).unwrap(), BATCH);
        assert_eq!(delete_batch(&conn, 3_000).unwrap(), BATCH);
        assert_eq!(delete_batch(&conn, 3_000).unwrap(), 0);
        let left: i64 = conn.query_row("SELECT COUNT(*) FROM responses", [], |r| r.get(0)).unwrap();
        assert_eq!(left, 500);
        drop(conn);
        for suffix in ["", "-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
        }
    }
}
