//! Excel workbooks (`.xlsx`, as Microsoft Forms and most survey tools download them), read with
//! calamine. Cells are streamed row by row from the sheet, so a large sheet is never held whole;
//! rows are numbered as Excel shows them and columns by number (1 = column A).

use std::fs::File;
use std::io::BufReader;
use std::path::{Path, PathBuf};

use calamine::{DataRef, Reader, Xlsx, open_workbook};

use super::mapping::Located;
use super::{Flow, RecordSource};
use crate::diagnostics::Diagnostic;

pub struct XlsxRecords {
    path: PathBuf,
    workbook: Xlsx<BufReader<File>>,
    sheet: String,
}

impl XlsxRecords {
    pub fn open(
        path: &Path,
        canonical: &Path,
        sheet: Option<&Located<String>>,
        mapping_path: &Path,
    ) -> Result<XlsxRecords, Diagnostic> {
        let workbook: Xlsx<_> = open_workbook(canonical).map_err(|e| {
            Diagnostic::whole_file(
                path,
                format!("cannot read it as an Excel workbook (.xlsx): {e}; save it again from Excel as .xlsx, or as CSV"),
            )
        })?;
        let names = workbook.sheet_names();
        let sheet = match sheet {
            Some(wanted) => names
                .iter()
                .find(|n| **n == wanted.value)
                .cloned()
                .ok_or_else(|| {
                    wanted.error(
                        mapping_path,
                        format!(
                            "the workbook {} has no sheet `{}`: its sheets are {}",
                            path.display(),
                            wanted.value,
                            names
                                .iter()
                                .map(|n| format!("`{n}`"))
                                .collect::<Vec<_>>()
                                .join(", ")
                        ),
                    )
                })?,
            None => names
                .first()
                .cloned()
                .ok_or_else(|| Diagnostic::whole_file(path, "the workbook has no sheets"))?,
        };
        Ok(XlsxRecords {
            path: path.to_path_buf(),
            workbook,
            sheet,
        })
    }
}

/// A cell as the text a CSV export would hold: whole numbers without `.0`.
fn cell_text(value: &DataRef<'_>, out: &mut String) {
    use std::fmt::Write;
    out.clear();
    match value {
        DataRef::Empty => {}
        DataRef::String(s) | DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => out.push_str(s),
        DataRef::SharedString(s) => out.push_str(s),
        DataRef::Int(i) => {
            let _ = write!(out, "{i}");
        }
        DataRef::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => {
            let _ = write!(out, "{}", *f as i64);
        }
        DataRef::Float(f) => {
            let _ = write!(out, "{f}");
        }
        DataRef::Bool(b) => out.push_str(if *b { "TRUE" } else { "FALSE" }),
        DataRef::DateTime(d) => {
            let _ = write!(out, "{}", d.as_f64());
        }
        DataRef::Error(e) => {
            let _ = write!(out, "#{e:?}");
        }
    }
}

impl RecordSource for XlsxRecords {
    fn for_each_record(
        &mut self,
        each: &mut dyn FnMut(u64, &[String]) -> Flow,
    ) -> Result<(), Diagnostic> {
        let path = self.path.clone();
        let cannot = |e: calamine::XlsxError| {
            Diagnostic::whole_file(&path, format!("cannot read the sheet: {e}"))
        };
        let mut cells = self
            .workbook
            .worksheet_cells_reader(&self.sheet)
            .map_err(cannot)?;
        let mut fields: Vec<String> = Vec::new();
        // Cells filled in the current row; `fields` is as wide as the widest row yet.
        let mut width = 0;
        let mut row: Option<u32> = None;
        loop {
            let cell = cells.next_cell().map_err(cannot)?;
            let (position, value) = match &cell {
                Some(c) => (Some(c.get_position()), Some(c.get_value())),
                None => (None, None),
            };
            // A new row (or the end): hand over the finished one.
            if let Some(current) = row
                && position.is_none_or(|(r, _)| r != current)
            {
                // A sheet leaves out trailing empty cells: a row is as wide as the widest so far
                // (the header), so a short row is never mistaken for a broken one.
                for blank in fields.iter_mut().skip(width) {
                    blank.clear();
                }
                if each(u64::from(current) + 1, &fields) == Flow::Stop {
                    return Ok(());
                }
                row = None;
            }
            let (Some((r, c)), Some(value)) = (position, value) else {
                return Ok(());
            };
            if row.is_none() {
                row = Some(r);
                width = 0;
            }
            let c = c as usize;
            if c > 16_384 {
                return Err(Diagnostic::new(
                    &self.path,
                    u64::from(r) + 1,
                    c as u64 + 1,
                    "a cell beyond Excel's last column (XFD)",
                ));
            }
            while fields.len() <= c {
                fields.push(String::new());
            }
            for blank in fields.iter_mut().take(c).skip(width) {
                blank.clear();
            }
            cell_text(value, &mut fields[c]);
            width = c + 1;
        }
    }

    fn description(&self) -> String {
        format!("Excel workbook, sheet `{}`", self.sheet)
    }
}
