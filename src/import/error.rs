//! Every way a file can fail to be read, each variant naming the condition
//! and carrying what the user needs to fix it: the sheet, the line, the rows
//! read before the damage, the cap and what passed it. A [`SourceError`]
//! makes the input unreadable (or damaged, when rows were read first); the
//! other inputs of the run still count.

/// Why a file, or a sheet of it, could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SourceError {
    /// The file's content is not a spreadsheet airoi reads.
    #[error(transparent)]
    NotASpreadsheet(#[from] NotASpreadsheet),
    /// The file could not be opened or read from disk.
    #[error("cannot be opened: {0}")]
    CannotOpen(String),
    /// Reading the file would pass `--max-input-mb`.
    #[error(
        "{over}, more than the {cap_mb} MB airoi reads from one file; raise --max-input-mb to read it anyway"
    )]
    OverCap {
        /// What would pass the cap.
        over: Over,
        /// The cap, in mebibytes.
        cap_mb: u64,
    },
    /// The workbook is encrypted with a password.
    #[error("the workbook is password protected; save an unprotected copy")]
    PasswordProtected,
    /// The workbook reader refused the file; its reason.
    #[error("the workbook cannot be read: {0}")]
    Unreadable(String),
    /// The workbook reader panicked on the file; the first line of its message.
    #[error("the workbook is damaged: its reader failed on it ({0})")]
    ReaderFailed(String),
    /// The xls container is inconsistent; how.
    #[error("the xls file is damaged: {0}")]
    XlsDamaged(&'static str),
    /// A workbook reader was asked to open text.
    #[error("not a workbook")]
    NotAWorkbook,
    /// A sheet asked for by its place in the workbook is not there.
    #[error("no sheet number {0}")]
    NoSheetNumber(usize),
    /// `--sheet` names a sheet the file does not have.
    #[error("no sheet named {wanted} (the sheets are {})", sheets.join(", "))]
    NoSuchSheet {
        /// The name asked for.
        wanted: String,
        /// The sheets the file has.
        sheets: Vec<String>,
    },
    /// A sheet rows were read from before is gone from the file.
    #[error("no sheet named {0}")]
    SheetGone(String),
    /// The sheet asked for has no projects header where headers are looked for.
    #[error("sheet {sheet} has no projects header in its first {searched} rows")]
    NoProjectsHeader {
        /// The sheet.
        sheet: String,
        /// The rows searched from the top.
        searched: usize,
    },
    /// Two columns of a table's header name one field equally well.
    #[error(
        "sheet {sheet}: the header in row {row} names {field} twice, in {first} and {second}, {how}; rename or delete one of them so airoi knows which to read"
    )]
    AmbiguousHeader {
        /// The sheet.
        sheet: String,
        /// The header's row, 1-based.
        row: u32,
        /// The field both columns name.
        field: &'static str,
        /// The first column, as `C "Monthly Benefit"`.
        first: String,
        /// The second column.
        second: String,
        /// Why neither wins: `both visible and both the field's own name`.
        how: &'static str,
    },
    /// A header gives a unit, scale or period its field cannot take.
    #[error(
        "sheet {sheet}: the header in row {row} gives column {column} a unit {field} cannot take: {why}; rename the column or convert its values"
    )]
    UnitNotApplicable {
        /// The sheet.
        sheet: String,
        /// The header's row, 1-based.
        row: u32,
        /// The column, as `D "Compute Cost (hours)"`.
        column: String,
        /// The field the header names.
        field: &'static str,
        /// Why the unit does not fit.
        why: String,
    },
    /// A sheet rows were read from before no longer has a header.
    #[error("sheet {0} has no header row any more")]
    HeaderGone(String),
    /// No sheet of the file holds a projects or cash-flow table.
    #[error(
        "no projects table found: no row among the first {searched} of any sheet names two intake fields; an intake needs columns for {} (run `airoi template` for a blank intake workbook)",
        required.join(", ")
    )]
    NoProjectsTable {
        /// The rows searched at the top of each sheet.
        searched: usize,
        /// The intake fields a projects table must have.
        required: Vec<&'static str>,
    },
    /// The file's only tables are on hidden sheets, which are read only
    /// when `--sheet` names them.
    #[error(
        "the only tables are on hidden sheets ({}); name one with --sheet to read it",
        sheets.join(", ")
    )]
    OnlyHiddenTables {
        /// The hidden sheets that hold a table.
        sheets: Vec<String>,
    },
    /// Every projects table of the file was refused whole (each lacks a
    /// column every project needs); the refusals, each naming its sheet.
    #[error("{}", .0.join("; "))]
    TablesRefused(Vec<String>),
    /// The file is one of airoi's own outputs, not an intake.
    #[error(
        "this is airoi's own output ({}, it carries a run record), not an intake; score the spreadsheets it was made from, or check it with `airoi verify`",
        .0.describe()
    )]
    AiroiOutput(super::output::Output),
    /// The workbook reader failed on a sheet; its reason.
    #[error("sheet {sheet}: {reason}")]
    Sheet {
        /// The sheet.
        sheet: String,
        /// The reader's reason.
        reason: String,
    },
    /// A CSV record could not be read.
    #[error("line {line}: {reason}")]
    CsvLine {
        /// The line, 1-based (0 when the reader could not tell).
        line: u64,
        /// The CSV reader's reason.
        reason: String,
    },
    /// A sheet broke off part way, after some of its rows were handed over.
    #[error("{cause}; the rows up to {rows_read} were read, the rest of the sheet could not be")]
    BrokeOff {
        /// Why the sheet broke off.
        cause: Box<SourceError>,
        /// The last row handed over.
        rows_read: u32,
    },
}

impl SourceError {
    /// A panic inside calamine, worded as a one-line read error.
    pub(crate) fn reader_failed(message: &str) -> SourceError {
        let first = message.lines().next().unwrap_or_default();
        SourceError::ReaderFailed(first.to_string())
    }
}

/// What would pass the input cap.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Over {
    /// The file itself.
    #[error("the file is {}", size_text(*.0))]
    File(u64),
    /// The dense grid calamine would build of a sheet (`sheet`), or of all
    /// sheets together (`None`).
    #[error(
        "{} {cells} cells from first to last, which this format reads into memory as a grid of about {}",
        sheet.as_ref().map_or_else(|| "the sheets together span".to_string(), |s| format!("sheet {s} spans")),
        size_text(*bytes)
    )]
    Grid {
        /// The sheet, or `None` for all of them.
        sheet: Option<String>,
        /// Cells from the first to the last.
        cells: u64,
        /// Their memory.
        bytes: u64,
    },
    /// A streamed sheet part packed far tighter than real sheets are.
    #[error(
        "the sheet {part} unpacks to {} (from {} in the file, over {factor} times, which no real sheet packs to)",
        size_text(*size),
        size_text(*packed)
    )]
    PackedSheet {
        /// The part's name in the archive.
        part: String,
        /// Unpacked bytes.
        size: u64,
        /// Packed bytes.
        packed: u64,
        /// How many times its packed size a sheet may unpack to.
        factor: u64,
    },
    /// One part of a zip-based workbook.
    #[error("the part {part} unpacks to {} (from {} in the file)", size_text(*size), size_text(*packed))]
    Part {
        /// The part's name in the archive.
        part: String,
        /// Unpacked bytes.
        size: u64,
        /// Packed bytes.
        packed: u64,
    },
    /// All parts of a zip-based workbook together.
    #[error("the workbook unpacks to {}", size_text(*.0))]
    Unpacked(u64),
}

/// Why a file is not a spreadsheet airoi can read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum NotASpreadsheet {
    #[error("the file is empty")]
    Empty,
    #[error(
        "the file is an HTML page, not a spreadsheet (some systems export HTML with an .xls name); save it from Excel or LibreOffice as .xlsx or .csv"
    )]
    Html,
    #[error("the file is a password-protected (encrypted) workbook; save an unprotected copy")]
    Encrypted,
    #[error("the file is a zip archive but not a workbook (no xl/workbook or ODF content)")]
    OtherZip,
    #[error("the file is a {0}, not a spreadsheet")]
    Other(&'static str),
    #[error("the file is binary data, not a spreadsheet or text")]
    Binary,
}

const MB: u64 = 1024 * 1024;

/// A byte count as people read it.
#[must_use]
pub(crate) fn size_text(bytes: u64) -> String {
    if bytes >= MB {
        format!("{} MB", bytes / MB)
    } else if bytes >= 1024 {
        format!("{} KB", bytes / 1024)
    } else {
        format!("{bytes} bytes")
    }
}
