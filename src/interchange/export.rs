//! The formats an export writes; the streaming itself is `app::export`.

crate::string_enum! {
    /// Formats `hexaglot export` and `GET /api/v1/export` write.
    pub enum ExportFormat {
        /// TBX v3, TBX-Basic dialect, DCA style (validates against the official schemas).
        Tbx = "tbx",
        /// One row per concept, columns per language; UTF-8 with a BOM for spreadsheets.
        Csv = "csv",
        /// The same columns in an Excel workbook.
        Xlsx = "xlsx",
    }
}

impl ExportFormat {
    pub fn content_type(self) -> &'static str {
        match self {
            ExportFormat::Tbx => "application/x-tbx+xml; charset=utf-8",
            ExportFormat::Csv => "text/csv; charset=utf-8",
            ExportFormat::Xlsx => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        }
    }

    pub fn extension(self) -> &'static str {
        match self {
            ExportFormat::Tbx => "tbx",
            ExportFormat::Csv => "csv",
            ExportFormat::Xlsx => "xlsx",
        }
    }
}
