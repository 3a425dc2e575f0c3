//! CSV exports as survey tools and spreadsheets write them: comma, semicolon or tab separated,
//! quoted fields with newlines, an optional byte-order mark or Excel `sep=;` line, CRLF or LF,
//! in UTF-8 or Windows-1252. Records are streamed: memory does not grow with the file.
//!
//! The encoding is decided while reading, byte for byte: a file is UTF-8 until a field is not
//! valid UTF-8; if every byte before it was ASCII (the same in both encodings) the file is
//! Windows-1252 from then on, otherwise it is refused as a mix. A UTF-16 or UTF-32 file, a NUL
//! byte, or one of the five bytes Windows-1252 leaves undefined is refused: the file is in some
//! other encoding, and guessing would put wrong letters on the pages.

use std::fs::File;
use std::io::{BufReader, Read, Seek, SeekFrom};
use std::path::{Path, PathBuf};

use super::{Flow, RecordSource};
use crate::diagnostics::Diagnostic;

/// How much of the file is looked at to choose the separator.
const SNIFF_BYTES: usize = 64 * 1024;
/// The longest line read. A record is held whole while it is parsed, so without a cap one
/// endless line (a broken or hostile file) would take all memory; real rows are a few KiB.
pub const MAX_LINE_BYTES: usize = 16 * 1024 * 1024;

/// A reader that fails once a line grows past `MAX_LINE_BYTES`, and reads each CRLF as LF.
///
/// The csv crate counts a record's line one too low after a CRLF terminator
/// (BurntSushi/rust-csv#395, open), so an error in a Windows export would name the line above
/// the one at fault. With CRLF read as LF its line numbers are right; a CRLF inside a quoted
/// field becomes LF, which is the same line break.
struct LineCap<R> {
    inner: R,
    since_newline: usize,
    /// A CR that ended the last read: it is dropped if the next byte is LF.
    pending_cr: bool,
}

impl<R> LineCap<R> {
    fn new(inner: R) -> Self {
        LineCap {
            inner,
            since_newline: 0,
            pending_cr: false,
        }
    }
}

impl<R: Read> Read for LineCap<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        if buf.len() < 2 {
            // Too small to hold a pending CR and a byte after it.
            let mut two = [0u8; 2];
            let n = self.read(&mut two)?;
            let k = n.min(buf.len());
            buf[..k].copy_from_slice(&two[..k]);
            return Ok(k);
        }
        let start = usize::from(self.pending_cr);
        if self.pending_cr {
            buf[0] = b'\r';
            self.pending_cr = false;
        }
        let read = self.inner.read(&mut buf[start..])?;
        let total = start + read;
        let mut n = 0;
        let mut i = 0;
        while i < total {
            let b = buf[i];
            i += 1;
            if b == b'\r' && read > 0 {
                if i == total {
                    self.pending_cr = true;
                    continue;
                }
                if buf[i] == b'\n' {
                    continue;
                }
            }
            buf[n] = b;
            n += 1;
        }
        if n == 0 && self.pending_cr {
            // The read was a lone CR, held back: 0 would mean the end of the file.
            return self.read(buf);
        }
        match buf[..n].iter().rposition(|&b| b == b'\n') {
            Some(i) => self.since_newline = n - i - 1,
            None => self.since_newline += n,
        }
        if self.since_newline > MAX_LINE_BYTES {
            return Err(std::io::Error::new(
                std::io::ErrorKind::InvalidData,
                format!(
                    "a line is longer than {} MiB: is this a CSV export?",
                    MAX_LINE_BYTES / (1024 * 1024)
                ),
            ));
        }
        Ok(n)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Encoding {
    /// Only ASCII so far: UTF-8 and Windows-1252 agree.
    Ascii,
    Utf8,
    Windows1252,
}

pub struct CsvRecords {
    path: PathBuf,
    reader: ::csv::Reader<LineCap<BufReader<File>>>,
    record: ::csv::ByteRecord,
    separator: u8,
    bom: bool,
    encoding: Encoding,
    /// Lines before the CSV reader's first line (an Excel `sep=` line).
    line_offset: u64,
}

impl CsvRecords {
    pub fn open(path: &Path, canonical: &Path) -> Result<CsvRecords, Diagnostic> {
        let cannot =
            |e: std::io::Error| Diagnostic::whole_file(path, format!("cannot read the file: {e}"));
        let mut file = File::open(canonical).map_err(cannot)?;
        let mut head = Vec::with_capacity(SNIFF_BYTES);
        (&mut file)
            .take(SNIFF_BYTES as u64)
            .read_to_end(&mut head)
            .map_err(cannot)?;
        if head.is_empty() {
            return Err(Diagnostic::whole_file(
                path,
                "the file is empty: expected a header row with the column names, then one row per respondent",
            ));
        }
        refuse_other_encodings(path, &head)?;
        let bom = head.starts_with(b"\xEF\xBB\xBF");
        let mut start = if bom { 3 } else { 0 };
        let mut line_offset = 0;
        // Excel honours (and some tools write) a first line `sep=;` naming the separator.
        let separator = match sep_line(&head[start..]) {
            Some((separator, length)) => {
                start += length;
                line_offset = 1;
                separator
            }
            None => sniff_separator(&head[start..]),
        };
        file.seek(SeekFrom::Start(start as u64)).map_err(cannot)?;
        let reader = ::csv::ReaderBuilder::new()
            .delimiter(separator)
            .has_headers(false)
            .flexible(true)
            .from_reader(LineCap::new(BufReader::with_capacity(256 * 1024, file)));
        Ok(CsvRecords {
            path: path.to_path_buf(),
            reader,
            record: ::csv::ByteRecord::new(),
            separator,
            bom,
            encoding: Encoding::Ascii,
            line_offset,
        })
    }

    /// Decodes one field into `out`, deciding the file's encoding as described in the module
    /// documentation.
    fn decode(
        &mut self,
        field_index: usize,
        line: u64,
        out: &mut String,
    ) -> Result<(), Diagnostic> {
        let field = &self.record[field_index];
        out.clear();
        if self.encoding != Encoding::Windows1252 {
            match std::str::from_utf8(field) {
                Ok(text) => {
                    if !text.is_ascii() {
                        self.encoding = Encoding::Utf8;
                    }
                    out.push_str(text);
                    return Ok(());
                }
                Err(_) if self.encoding == Encoding::Ascii => {
                    self.encoding = Encoding::Windows1252;
                }
                Err(_) => {
                    return Err(Diagnostic::new(
                        &self.path,
                        line,
                        field_index as u64 + 1,
                        "this field is not valid UTF-8, but earlier rows were: the file mixes encodings; save it again as CSV UTF-8",
                    ));
                }
            }
        }
        if let Some(&byte) = field
            .iter()
            .find(|b| matches!(b, 0x81 | 0x8D | 0x8F | 0x90 | 0x9D))
        {
            return Err(Diagnostic::new(
                &self.path,
                line,
                field_index as u64 + 1,
                format!(
                    "byte 0x{byte:02X} is neither UTF-8 nor Windows-1252: the file is in another encoding; save it as CSV UTF-8"
                ),
            ));
        }
        let (text, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(field);
        out.push_str(&text);
        Ok(())
    }
}

impl RecordSource for CsvRecords {
    fn for_each_record(
        &mut self,
        each: &mut dyn FnMut(u64, &[String]) -> Flow,
    ) -> Result<(), Diagnostic> {
        let mut fields: Vec<String> = Vec::new();
        loop {
            let more = self
                .reader
                .read_byte_record(&mut self.record)
                .map_err(|e| {
                    let (line, message) = match e.kind() {
                        ::csv::ErrorKind::Io(io) => (0, format!("cannot read the file: {io}")),
                        _ => (
                            e.position().map_or(0, |p| p.line() + self.line_offset),
                            format!("cannot read this CSV row: {e}"),
                        ),
                    };
                    Diagnostic::new(&self.path, line, 1, message)
                })?;
            if !more {
                return Ok(());
            }
            let line = self.record.position().map_or(0, |p| p.line()) + self.line_offset;
            let count = self.record.len();
            fields.truncate(count);
            while fields.len() < count {
                fields.push(String::new());
            }
            for (index, field) in fields.iter_mut().enumerate() {
                self.decode(index, line, field)?;
            }
            if each(line, &fields) == Flow::Stop {
                return Ok(());
            }
        }
    }

    fn description(&self) -> String {
        let separator = match self.separator {
            b',' => "comma",
            b';' => "semicolon",
            b'\t' => "tab",
            b'|' => "bar",
            _ => "other",
        };
        let encoding = match (self.encoding, self.bom) {
            (Encoding::Windows1252, _) => "Windows-1252",
            (_, true) => "UTF-8 with byte-order mark",
            (Encoding::Utf8, false) => "UTF-8",
            (Encoding::Ascii, false) => "ASCII (UTF-8)",
        };
        format!("CSV, {separator}-separated, {encoding}")
    }
}

/// UTF-16/32 files and binary files cannot be read as either encoding kolikko accepts.
fn refuse_other_encodings(path: &Path, head: &[u8]) -> Result<(), Diagnostic> {
    let what = if head.starts_with(b"\xFF\xFE\x00\x00") || head.starts_with(b"\x00\x00\xFE\xFF") {
        Some("UTF-32")
    } else if head.starts_with(b"\xFF\xFE") || head.starts_with(b"\xFE\xFF") {
        Some("UTF-16 (Excel's \"Unicode text\")")
    } else if head.starts_with(b"PK\x03\x04") {
        return Err(Diagnostic::whole_file(
            path,
            "this is a zip file (an Excel workbook?) with a .csv name: rename it to .xlsx, or save it again as CSV",
        ));
    } else if head.contains(&0) {
        Some("UTF-16 or a binary format (it contains NUL bytes)")
    } else {
        None
    };
    match what {
        Some(what) => Err(Diagnostic::whole_file(
            path,
            format!(
                "the file is {what}; kolikko reads CSV in UTF-8 or Windows-1252: save it again as CSV UTF-8"
            ),
        )),
        None => Ok(()),
    }
}

/// `sep=;` (or `,` or tab) alone on the first line: the separator and the line's length.
fn sep_line(head: &[u8]) -> Option<(u8, usize)> {
    let rest = head.strip_prefix(b"sep=")?;
    let separator = *rest.first()?;
    let length = match rest.get(1..3) {
        Some(b"\r\n") => 4 + 3,
        _ if rest.get(1) == Some(&b'\n') => 4 + 2,
        _ => return None,
    };
    Some((separator, length))
}

/// The separator of the first record: whichever of comma, semicolon and tab occurs most often
/// outside quotes (a comma when none does: a file of one column).
fn sniff_separator(head: &[u8]) -> u8 {
    let mut counts = [0usize; 3];
    let mut quoted = false;
    for &byte in head {
        match byte {
            b'"' => quoted = !quoted,
            b'\n' if !quoted => break,
            b',' if !quoted => counts[0] += 1,
            b';' if !quoted => counts[1] += 1,
            b'\t' if !quoted => counts[2] += 1,
            _ => {}
        }
    }
    let candidates = [b',', b';', b'\t'];
    // The earliest wins a tie, so the choice never depends on anything but the bytes.
    let best = (0..3).fold(0, |best, i| if counts[i] > counts[best] { i } else { best });
    candidates[best]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_separator_is_the_most_frequent_outside_quotes() {
        assert_eq!(sniff_separator(b"a;b;c\n1,5;2;3\n"), b';');
        assert_eq!(sniff_separator(b"\"a;b;c\",d,e\n"), b',');
        assert_eq!(sniff_separator(b"a\tb\tc;d\n"), b'\t');
        assert_eq!(sniff_separator(b"team\n"), b',');
    }

    #[test]
    fn an_endless_line_is_refused_instead_of_filling_memory() {
        let endless = std::io::repeat(b'x').take(MAX_LINE_BYTES as u64 + 10);
        let mut capped = LineCap::new(endless);
        let error = std::io::copy(&mut capped, &mut std::io::sink()).unwrap_err();
        assert!(error.to_string().contains("longer than 16 MiB"), "{error}");
        let lines = std::io::repeat(b'\n').take(MAX_LINE_BYTES as u64 * 2);
        let mut capped = LineCap::new(lines);
        assert!(std::io::copy(&mut capped, &mut std::io::sink()).is_ok());
    }

    /// A reader that hands out one byte per call, so every CR falls at a buffer's end.
    struct Trickle<'a>(&'a [u8]);
    impl Read for Trickle<'_> {
        fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
            let Some((&first, rest)) = self.0.split_first() else {
                return Ok(0);
            };
            buf[0] = first;
            self.0 = rest;
            Ok(1)
        }
    }

    #[test]
    fn crlf_is_read_as_lf_at_any_buffer_boundary_and_a_lone_cr_is_kept() {
        let input = b"a;b\r\n1;\"x\r\ny\"\r\n2;z\rw\r";
        let expected = b"a;b\n1;\"x\ny\"\n2;z\rw\r".to_vec();
        let mut whole = Vec::new();
        LineCap::new(&input[..]).read_to_end(&mut whole).unwrap();
        assert_eq!(whole, expected);
        let mut trickled = Vec::new();
        LineCap::new(Trickle(input))
            .read_to_end(&mut trickled)
            .unwrap();
        assert_eq!(trickled, expected);
    }

    #[test]
    fn records_of_a_crlf_file_are_on_the_lines_an_editor_shows() {
        let lines = |input: &'static [u8]| -> Vec<u64> {
            let mut reader = ::csv::ReaderBuilder::new()
                .has_headers(false)
                .from_reader(LineCap::new(input));
            let mut record = ::csv::ByteRecord::new();
            let mut lines = Vec::new();
            while reader.read_byte_record(&mut record).unwrap() {
                lines.push(record.position().unwrap().line());
            }
            lines
        };
        // Header on line 1, a record with a line break in a quoted field on lines 2–3, then 4.
        assert_eq!(lines(b"a,b\r\n1,\"x\r\ny\"\r\n2,z\r\n"), [1, 2, 4]);
        assert_eq!(lines(b"a,b\n1,\"x\ny\"\n2,z\n"), [1, 2, 4]);
    }

    #[test]
    fn an_excel_sep_line_names_the_separator() {
        assert_eq!(sep_line(b"sep=;\r\na;b"), Some((b';', 7)));
        assert_eq!(sep_line(b"sep=,\na,b"), Some((b',', 6)));
        assert_eq!(sep_line(b"separator;b"), None);
    }
}
