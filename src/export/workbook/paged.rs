//! A sheet written item by item as a run streams past: constant-memory
//! pages created as they fill (`Findings`, `Findings (2)` ...), each closed
//! with its filters, formats and widths once its last row is written, and
//! handed back in order for the workbook to place.

use rust_xlsxwriter::{Workbook, Worksheet};

use super::layout::Pages;
use super::styles::Styles;
use crate::export::ExportError;

/// What one kind of paged sheet writes at the start and end of a page.
pub(crate) trait PageKind {
    /// Per-page state while rows are written (column widths, next row).
    type Page;
    /// Writes the header of a new page.
    fn open(&self, sheet: &mut Worksheet, styles: &Styles) -> Result<Self::Page, ExportError>;
    /// Writes what follows the rows: filters, conditional formats, widths.
    fn close(
        &self,
        sheet: &mut Worksheet,
        page: Self::Page,
        styles: &Styles,
    ) -> Result<(), ExportError>;
}

/// A paged sheet being written.
pub(crate) struct Paged<K: PageKind> {
    kind: K,
    base: &'static str,
    per_sheet: usize,
    closed: Vec<Worksheet>,
    open: Option<(Worksheet, K::Page)>,
    in_page: usize,
}

impl<K: PageKind> Paged<K> {
    /// A paged sheet of `pages.rows_per_item` rows an item.
    pub fn new(kind: K, pages: &Pages<'static>) -> Self {
        Paged {
            kind,
            base: pages.base,
            per_sheet: pages.items_per_sheet(),
            closed: Vec::new(),
            open: None,
            in_page: 0,
        }
    }

    /// The sheet and page state to write the next item into, opening a new
    /// page of `workbook` when the current one is full.
    pub fn next(
        &mut self,
        workbook: &mut Workbook,
        styles: &Styles,
    ) -> Result<(&mut Worksheet, &mut K::Page), ExportError> {
        self.next_from(
            &mut || Ok(workbook.new_worksheet_with_constant_memory()?),
            styles,
        )
    }

    /// As [`Paged::next`], a new page's sheet coming from `sheets` (which
    /// makes constant-memory worksheets of the workbook).
    pub fn next_from(
        &mut self,
        sheets: &mut dyn FnMut() -> Result<Worksheet, ExportError>,
        styles: &Styles,
    ) -> Result<(&mut Worksheet, &mut K::Page), ExportError> {
        if self.open.is_some() && self.in_page >= self.per_sheet {
            self.close_page(styles)?;
        }
        if self.open.is_none() {
            self.open_page(sheets()?, styles)?;
        }
        self.in_page += 1;
        let (sheet, page) = self
            .open
            .as_mut()
            .ok_or_else(|| ExportError::PagesMiscounted(self.base.into()))?;
        Ok((sheet, page))
    }

    fn open_page(&mut self, mut sheet: Worksheet, styles: &Styles) -> Result<(), ExportError> {
        let name = super::layout::page_name(self.base, self.closed.len() + 1);
        sheet.set_name(&name)?;
        let page = self.kind.open(&mut sheet, styles)?;
        self.open = Some((sheet, page));
        self.in_page = 0;
        Ok(())
    }

    fn close_page(&mut self, styles: &Styles) -> Result<(), ExportError> {
        if let Some((mut sheet, page)) = self.open.take() {
            self.kind.close(&mut sheet, page, styles)?;
            self.closed.push(sheet);
        }
        Ok(())
    }

    /// Closes the last page and returns every page in order; a sheet with
    /// no items still gets one page (from `sheets`), so it says it is empty.
    pub fn finish(
        mut self,
        sheets: &mut dyn FnMut() -> Result<Worksheet, ExportError>,
        styles: &Styles,
    ) -> Result<Vec<Worksheet>, ExportError> {
        if self.open.is_none() && self.closed.is_empty() {
            self.open_page(sheets()?, styles)?;
        }
        self.close_page(styles)?;
        Ok(self.closed)
    }
}
