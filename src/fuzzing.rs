//! Entry points for the fuzz targets in `fuzz/` and for their corpus replay in
//! `tests/fuzz_corpus.rs`. Each takes arbitrary bytes and runs them through the
//! real readers and parsers; it must return normally whatever the input:
//! an error is a fine answer, a panic (or unbounded time or memory) is a bug.

use std::sync::OnceLock;

use tantivy::tokenizer::{TokenStream, TokenizerManager};

use crate::app::import::ImportOptions;
use crate::interchange::{self, Context, Format, Input};
use crate::model::{ConceptStatus, Lang};
use crate::search::{analyzers, Mode, SearchField, SearchRequest};
use crate::App;

/// Reads `inputs` as `format` through [`interchange::records`] and drains the records.
fn read_all(format: Format, inputs: Vec<Input>) {
    if let Ok((_, records)) = interchange::records(format, &inputs, &Context::default()) {
        records.for_each(drop);
    }
}

/// The TBX reader (v3 and 2008, picked from the root element).
pub fn tbx(data: &[u8]) {
    read_all(Format::Tbx, vec![Input::from_bytes("fuzz.tbx", data.to_vec())]);
}

/// The CSV reader.
pub fn csv(data: &[u8]) {
    read_all(Format::Csv, vec![Input::from_bytes("fuzz.csv", data.to_vec())]);
}

/// The XLSX reader (the bytes are the workbook).
pub fn xlsx(data: &[u8]) {
    read_all(Format::Xlsx, vec![Input::from_bytes("fuzz.xlsx", data.to_vec())]);
}

/// The clause-3 parser. NUL bytes split the input into up to six language
/// versions of one clause, which are then aligned by clause number.
pub fn clause3(data: &[u8]) {
    let inputs = data.split(|&b| b == 0).take(6).map(|part| Input::from_bytes("fuzz.txt", part.to_vec())).collect();
    read_all(Format::Clause3, inputs);
}

/// A search index holding a few concepts in all six languages, built once per process.
fn search_app() -> &'static App {
    static APP: OnceLock<App> = OnceLock::new();
    APP.get_or_init(|| {
        let dir = std::env::temp_dir().join(format!("hexaglot-fuzz-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let app = App::open(&dir).expect("fuzz: open a data directory");
        let rows = "term_en,definition_en,term_fr,definition_fr,term_es,term_ru,definition_ru,term_ar,term_zh,definition_zh\n\
            smart meter,A meter that reports readings over a network.,compteur intelligent,Compteur relié à un réseau.,\
            contador inteligente,интеллектуальный счётчик,Счётчик с передачей данных по сети.,العداد الذكي,智能电表,通过网络报告读数的电表。\n\
            network,\"A set of nodes and links; the \"\"backbone\"\".\",réseau,L'ensemble des nœuds.,red,сеть,Совокупность узлов.,الشَّبَكَة,网络,节点和链路的集合。\n";
        let input = Input::from_bytes("seed.csv", rows.as_bytes().to_vec());
        let (format, mut records) = interchange::records(Format::Csv, &[input], &Context::default()).expect("fuzz: seed");
        let opts = ImportOptions { default_status: Some(ConceptStatus::Accepted), ..Default::default() };
        let report = app.import("fuzz", format, &mut records, &opts, &|_| {}).expect("fuzz: import");
        assert!(report.created == 2, "fuzz: seed import: {report:?}");
        app.sync_index();
        // Open files stay readable after the directory is gone; nothing is left behind.
        let _ = std::fs::remove_dir_all(&dir);
        let found = app.search(&SearchRequest::new("réseau")).expect("fuzz: search");
        assert!(!found.hits.is_empty(), "fuzz: the seeded index finds nothing");
        app
    })
}

/// The search query parser, query builder and search on a small index. The
/// first byte picks one request (mode, field, languages, or a suggestion, so
/// that each run is one search); the rest is the query text.
pub fn query(data: &[u8]) {
    let Some((&pick, text)) = data.split_first() else { return };
    let q = String::from_utf8_lossy(text);
    let app = search_app();
    let pick = usize::from(pick);
    let lang = match pick / 18 % 7 {
        0 => None,
        n => Some(Lang::ALL[n - 1]),
    };
    if pick >= 6 * 3 * 7 {
        let _ = app.suggest(&q, lang, false, 10);
        return;
    }
    let mut req = SearchRequest::new(q.as_ref());
    req.mode = Mode::ALL[pick % 6];
    req.field = SearchField::ALL[pick / 6 % 3];
    req.langs = lang.into_iter().collect();
    req.public_only = pick / 6 % 2 == 0;
    let _ = app.search(&req);
}

/// Every analyzer of every language (stemmed and exact) and the abbreviation
/// analyzer over the text. Token offsets must lie on character boundaries
/// within the text (snippets slice the text with them) and positions must not
/// go back (phrase queries rely on it).
pub fn analyzers(data: &[u8]) {
    static MANAGER: OnceLock<TokenizerManager> = OnceLock::new();
    let manager = MANAGER.get_or_init(|| {
        let m = TokenizerManager::default();
        analyzers::register(&m);
        m
    });
    let text = String::from_utf8_lossy(data);
    let names = Lang::ALL.iter().flat_map(|&l| [analyzers::stemmed(l), analyzers::exact(l)]);
    for name in names.chain([analyzers::ABBREV]) {
        let mut analyzer = manager.get(name).expect("registered analyzer");
        let mut stream = analyzer.token_stream(&text);
        let mut last_position = 0;
        while let Some(t) = stream.next() {
            assert!(
                t.offset_from <= t.offset_to
                    && t.offset_to <= text.len()
                    && text.is_char_boundary(t.offset_from)
                    && text.is_char_boundary(t.offset_to),
                "{name}: token {:?} at {}..{} is not a slice of the text",
                t.text,
                t.offset_from,
                t.offset_to
            );
            assert!(t.position >= last_position, "{name}: token {:?} goes back to position {}", t.text, t.position);
            last_position = t.position;
        }
    }
}
