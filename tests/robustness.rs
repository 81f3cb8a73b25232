//! The core never panics and never hangs: arbitrary bytes, and real filings cut, spliced and
//! corrupted at random places.

mod common;

use proptest::prelude::*;

/// A few real filings of every format (small ones, to keep the cases fast).
fn seeds() -> Vec<Vec<u8>> {
    let Some(dir) = common::corpus() else {
        eprintln!("corpus not found: mutation cases run on a synthetic seed only");
        return vec![b"<DOCUMENT>\n<TYPE>SC 13D\n<TEXT>\nSCHEDULE 13D\n(Name of Issuer)\n</TEXT>\n</DOCUMENT>\n".to_vec()];
    };
    let mut out = Vec::new();
    for sub in ["xml", "sgml_txt", "html", "text"] {
        let mut files: Vec<_> = std::fs::read_dir(dir.join(sub))
            .into_iter()
            .flatten()
            .flatten()
            .map(|e| e.path())
            .collect();
        files.sort();
        for path in files.iter().take(4) {
            if let Ok(bytes) = std::fs::read(path) {
                if bytes.len() < 200_000 {
                    out.push(bytes);
                }
            }
        }
    }
    out
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes_never_panic(data in proptest::collection::vec(any::<u8>(), 0..4096)) {
        let _ = sec13d::parse_filing(&data);
    }

    #[test]
    fn markup_soup_never_panics(parts in proptest::collection::vec(prop_oneof![
        Just("<DOCUMENT>"), Just("</DOCUMENT>"), Just("<TEXT>"), Just("</TEXT>"), Just("<TYPE>SC 13D\n"),
        Just("<XML>"), Just("<edgarSubmission>"), Just("<formData>"), Just("</formData>"), Just("<table><tr><td>"),
        Just("SCHEDULE 13G"), Just("(7) SOLE VOTING POWER "), Just("-0-"), Just("12,345"), Just("5.2%"),
        Just("Item 5(c)"), Just("\u{fe}"), Just("&#167;"), Just("&amp;"), Just("\n"), Just("/s/ John"), Just("Date:"), Just("12/31/2024"), Just("\u{e9}"), Just("\u{2014}"),
        Just("Signature"), Just("Schedule A"), Just("(Name of Issuer)"), Just("CUSIP No. "), Just("Amendment No. "),
        Just("Purchases"), Just("(324,500)"), Just("<p>"), Just("<br>"), Just("\t"), Just("Citizenship"),  Just("|---|"),
    ], 0..200)) {
        let _ = sec13d::parse_filing(parts.concat().as_bytes());
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn corrupted_real_filings_never_panic(seed in 0usize..1000, cut in any::<prop::sample::Index>(),
                                          at in any::<prop::sample::Index>(), byte in any::<u8>()) {
        let seeds = seeds();
        let mut data = seeds[seed % seeds.len()].clone();
        let i = at.index(data.len().max(1));
        if let Some(b) = data.get_mut(i) {
            *b = byte;
        }
        let _ = sec13d::parse_filing(&data);
        let n = cut.index(data.len().max(1));
        let _ = sec13d::parse_filing(&data[..n]);
    }
}
