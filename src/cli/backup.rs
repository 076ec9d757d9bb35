//! `hexaglot backup`, `dump` and `restore`: copies of the whole database.

use std::path::Path;

use hexaglot::{App, Error};

/// `hexaglot backup FILE`: SQLite's online backup, safe while serving.
pub fn backup(dir: &Path, file: &Path) -> hexaglot::Result<()> {
    let app = App::open_store(dir)?;
    app.backup(file)?;
    println!("backup written to {}", file.display());
    Ok(())
}

/// `hexaglot dump FILE|-`: JSON Lines; an existing file is never overwritten.
pub fn dump(dir: &Path, file: &Path) -> hexaglot::Result<()> {
    let app = App::open_store(dir)?;
    let stats = if file.as_os_str() == "-" {
        app.dump(std::io::BufWriter::new(std::io::stdout().lock()))?
    } else {
        let f = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(file)
            .map_err(|e| Error::Invalid(format!("{}: {e}", file.display())))?;
        app.dump(std::io::BufWriter::new(f))?
    };
    eprintln!("dumped {} rows", stats.rows);
    Ok(())
}

/// `hexaglot restore FILE|-`: into a new data directory, then the index is rebuilt.
pub fn restore(dir: &Path, file: &Path) -> hexaglot::Result<()> {
    let app = App::open_store(dir)?;
    let stats = if file.as_os_str() == "-" {
        app.restore(std::io::BufReader::new(std::io::stdin().lock()))?
    } else {
        let f = std::fs::File::open(file).map_err(|e| Error::Invalid(format!("{}: {e}", file.display())))?;
        app.restore(std::io::BufReader::new(f))?
    };
    drop(app);
    // Rebuild the search index now rather than at the next start.
    App::open(dir)?;
    println!("restored {} rows", stats.rows);
    Ok(())
}
