//! Tables written out as CSV for spreadsheets: RFC 4180 (fields quoted
//! where they must be, quotes doubled, CRLF between records), in UTF-8
//! with a byte-order mark, which Excel needs to read anything but ASCII.

/// The byte-order mark that starts every CSV file the workbench writes.
pub const BOM: &[u8] = "\u{feff}".as_bytes();

/// A table as CSV bytes: the header row first, then the rows. Every row
/// should have as many cells as the header.
pub fn csv_bytes<R, C>(header: &[&str], rows: R) -> Vec<u8>
where
    R: IntoIterator<Item = Vec<C>>,
    C: AsRef<str>,
{
    let mut out = BOM.to_vec();
    {
        let mut writer = csv::WriterBuilder::new()
            .terminator(csv::Terminator::CRLF)
            .flexible(true)
            .from_writer(&mut out);
        // Writing to a Vec cannot fail.
        writer.write_record(header).expect("CSV into memory");
        for row in rows {
            writer
                .write_record(row.iter().map(AsRef::as_ref))
                .expect("CSV into memory");
        }
        writer.flush().expect("CSV into memory");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_what_must_be_quoted_and_starts_with_a_byte_order_mark() {
        let bytes = csv_bytes(
            &["Code", "Title"],
            vec![
                vec!["1.1", "Plain"],
                vec!["1.2", "Comma, \"quotes\" and\na new line"],
            ],
        );
        assert!(bytes.starts_with(BOM));
        let text = std::str::from_utf8(&bytes[BOM.len()..]).unwrap();
        assert_eq!(
            text,
            "Code,Title\r\n1.1,Plain\r\n1.2,\"Comma, \"\"quotes\"\" and\na new line\"\r\n"
        );
    }
}
