//! Item 5(c) trades: unit tests per shape, and recall/precision over the labelled corpus.

mod common;

use std::collections::BTreeMap;
use std::path::PathBuf;

use chrono::NaiveDate;
use sec13d::model::{Schedule13D, Side, Trade};
use sec13d::trades::{extract_item5, html_lines, text_lines, Context};

fn ctx(event: &str) -> Context {
    Context {
        event_date: NaiveDate::parse_from_str(event, "%Y-%m-%d").ok(),
        persons: vec![],
    }
}

fn d(s: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").ok()
}

fn key(t: &Trade) -> (Side, Option<f64>, Option<f64>) {
    (t.side, t.shares, t.price)
}

// ---------------------------------------------------------------- shapes

#[test]
fn ascii_table_with_purchases_intro() {
    let item = "(a) 180,000 shares\n(b) Sole Voting Power: 180,000 shares\n\
        (c) The following transactions were open market purchases effected by WAC during the past 60 days:\n\
        Trade date      Number of Shares     Price\n\
        ------------    ---------------    ---------\n\
        04/08/99          100,000            .3093\n\
        04/09/99           25,000            .3275\n\
        (d) N/A\n";
    let t = extract_item5(item, &ctx("1999-04-30"));
    assert_eq!(t.len(), 2, "{t:?}");
    assert_eq!(key(&t[0]), (Side::Buy, Some(100000.0), Some(0.3093)));
    assert_eq!(t[0].trade_date, d("1999-04-08"));
    assert_eq!(t[1].raw, "04/09/99 25,000 .3275");
}

#[test]
fn sales_in_parentheses_and_purchases() {
    let item = "(c) Transactions in the past 60 days (sales in parentheses):\n\
        Date        Shares        Price\n\
        3/1/2004    10,000        $5.00\n\
        3/2/2004    (324,500)     $5.25\n";
    let t = extract_item5(item, &ctx("2004-03-10"));
    assert_eq!(t.len(), 2, "{t:?}");
    assert_eq!(key(&t[0]), (Side::Buy, Some(10000.0), Some(5.0)));
    assert_eq!(key(&t[1]), (Side::Sell, Some(324500.0), Some(5.25)));
    assert_eq!(t[1].currency.as_deref(), Some("USD"));
}

#[test]
fn purchases_and_sales_subheadings_per_fund() {
    let item =
        "The following table reflects the acquisitions and dispositions by each of the Funds:\n\
        A. Special Situations Cayman Fund, L.P.\n\
        Date\nQuantity\nAverage Price\n(Purchases)\n\
        During November 2002 1,900 $.61\n\
        Date\nQuantity\nAverage Price\n(Sales)\n\
        12/15/02 500 $.70\n\
        B. Special Situations Technology Fund, L.P.\n\
        (Sales)\n\
        12/16/02 700 $.72\n";
    let t = extract_item5(item, &ctx("2002-12-31"));
    assert_eq!(t.len(), 3, "{t:?}");
    assert_eq!(key(&t[0]), (Side::Buy, Some(1900.0), Some(0.61)));
    assert_eq!(t[0].period_start, d("2002-11-01"));
    assert_eq!(t[0].period_end, d("2002-11-30"));
    assert_eq!(t[0].trade_date, None);
    assert_eq!(
        t[0].reporting_person.as_deref(),
        Some("Special Situations Cayman Fund, L.P.")
    );
    assert_eq!(key(&t[1]), (Side::Sell, Some(500.0), Some(0.70)));
    assert_eq!(key(&t[2]), (Side::Sell, Some(700.0), Some(0.72)));
    assert_eq!(
        t[2].reporting_person.as_deref(),
        Some("B. Special Situations Technology Fund, L.P.").map(|s| &s[3..])
    );
}

#[test]
fn buy_sell_column_and_broken_rows() {
    let item = "(c) The Reporting Persons purchased and sold shares as set forth below.\n\
        TRADE DATE    SHARES     PRICE    P/S\n\
        4/18/96       84,500\n\
        14.4380       P\n\
        5/22/96      100,000     14.3750   S\n";
    let t = extract_item5(item, &ctx("1996-07-02"));
    assert_eq!(t.len(), 2, "{t:?}");
    assert_eq!(key(&t[0]), (Side::Buy, Some(84500.0), Some(14.438)));
    assert_eq!(key(&t[1]), (Side::Sell, Some(100000.0), Some(14.375)));
}

#[test]
fn list_with_at_sign() {
    let item = "(c) On 5/3/2010 the Fund bought:\n 8,000 shares @ 54.0754 on 5/3/2010\n";
    let t = extract_item5(item, &ctx("2010-05-10"));
    assert!(
        t.iter()
            .any(|x| x.shares == Some(8000.0) && x.price == Some(54.0754)),
        "{t:?}"
    );
}

#[test]
fn prose_sentences() {
    let item = "(c) On March 3, 2003, the Fund purchased 1,000 shares at $5.10 per share. \
        On March 5, 2003, the Reporting Person sold 105 Shares at an average price of $16.84 per share; \
        on March 6 the Reporting Person bought 300 Shares at an average price of $16.65 per share and sold 450 Shares at an average price of $16.70.\n(d) None.";
    let t = extract_item5(item, &ctx("2003-03-10"));
    assert_eq!(t.len(), 4, "{t:?}");
    assert_eq!(key(&t[0]), (Side::Buy, Some(1000.0), Some(5.10)));
    assert_eq!(t[0].trade_date, d("2003-03-03"));
    assert_eq!(key(&t[1]), (Side::Sell, Some(105.0), Some(16.84)));
    assert_eq!(key(&t[2]), (Side::Buy, Some(300.0), Some(16.65)));
    assert_eq!(
        t[2].trade_date,
        d("2003-03-06"),
        "a date without a year resolves from the event date"
    );
    assert_eq!(key(&t[3]), (Side::Sell, Some(450.0), Some(16.70)));
}

#[test]
fn price_range_and_weighted_average() {
    let item = "(c) On June 2, 2010, the Fund sold 12,000 shares at prices ranging from $3.28 to $3.87 per share.";
    let t = extract_item5(item, &ctx("2010-06-05"));
    assert_eq!(t.len(), 1, "{t:?}");
    assert_eq!(t[0].price_low, Some(3.28));
    assert_eq!(t[0].price_high, Some(3.87));
    let item = "(c)\nDate\tShares\tWeighted Average Price\tRange\n6/2/2010\t12,000\t$3.50 (1)\t$3.28-$3.87\n";
    let t = extract_item5(item, &ctx("2010-06-05"));
    assert_eq!(t.len(), 1, "{t:?}");
    assert_eq!(t[0].price, Some(3.5));
}

#[test]
fn date_range_and_non_usd_and_options() {
    let item = "(c) On December 19, 2017, Bank Otkritie purchased a total of 992,058 QIWI ADSs on the Moscow Exchange at a price of 823 roubles per QIWI ADS.";
    let t = extract_item5(item, &ctx("2017-12-20"));
    assert_eq!(t.len(), 1, "{t:?}");
    assert_eq!(key(&t[0]), (Side::Buy, Some(992058.0), Some(823.0)));
    assert_eq!(t[0].currency.as_deref(), Some("RUB"));
    let item = "(c)\n3/1/04 - 3/5/04\t20,000\t$2.00\tCall Options\n";
    let t = extract_item5(item, &ctx("2004-03-10"));
    assert_eq!(t.len(), 1, "{t:?}");
    assert_eq!(t[0].period_start, d("2004-03-01"));
    assert_eq!(t[0].period_end, d("2004-03-05"));
    assert_eq!(t[0].security.as_deref(), Some("Call Options"));
}

#[test]
fn no_transactions() {
    for item in ["(c) None.", "(c) The Reporting Persons have not effected any transactions in the Shares during the past sixty days.", "(c) Not applicable."] {
        assert!(extract_item5(item, &ctx("2010-01-01")).is_empty(), "{item}");
    }
}

#[test]
fn unreadable_row_is_reported() {
    let mut f = Schedule13D::default();
    f.items
        .insert("5".into(), "(c)\n3/1/2004\t$5.00\t$6.00\n".into());
    sec13d::trades::extract(&mut f, &[]);
    assert!(f.trades.is_empty());
    assert!(
        f.issues.iter().any(|i| i.code == "trade-unparsed"),
        "{:?}",
        f.issues
    );
}

#[test]
fn pointer_to_schedule_in_an_exhibit() {
    let mut f = Schedule13D::default();
    f.items.insert(
        "5".into(),
        "(c) The transactions effected during the past 60 days are set forth in Schedule A hereto."
            .into(),
    );
    let ex = "<html><body><p><b>SCHEDULE A</b></p><p>Shares sold</p><table>\
        <tr><td>Date</td><td>Number of Shares</td><td>Price</td></tr>\
        <tr><td>6/13/2008</td><td>13,500</td><td>$22.00<sup>1</sup></td></tr></table></body></html>";
    sec13d::trades::extract(&mut f, &[(1000, ex, true)]);
    assert_eq!(f.trades.len(), 1, "{:?}", f.trades);
    assert_eq!(key(&f.trades[0]), (Side::Sell, Some(13500.0), Some(22.0)));
    let span = f.spans.get("trades[0].raw").expect("a span");
    assert!(span.start > 1000);
}

#[test]
fn lines_offsets_are_exact() {
    let src = "a\n  04/08/99   100,000   .3093\n";
    let l = text_lines(src);
    assert_eq!(&src[l[1].start..l[1].end], "04/08/99   100,000   .3093");
    let h = html_lines("<tr><td>x</td><td>y</td></tr>");
    assert_eq!(h[0].text, "x\ty");
}

// ---------------------------------------------------------------- corpus

fn label_trades(label: &serde_json::Value) -> Vec<(Side, Option<f64>, Option<f64>, String)> {
    let side = |s: &str| match s {
        "buy" => Side::Buy,
        "sell" => Side::Sell,
        _ => Side::Other,
    };
    label["trades"]
        .as_array()
        .map(|a| {
            a.iter()
                .map(|t| {
                    (
                        side(t["side"].as_str().unwrap_or("")),
                        t["shares"].as_f64(),
                        t["price"].as_f64(),
                        t["raw"].as_str().unwrap_or("").chars().take(90).collect(),
                    )
                })
                .collect()
        })
        .unwrap_or_default()
}

fn close(a: Option<f64>, b: Option<f64>) -> bool {
    match (a, b) {
        (None, None) => true,
        (Some(x), Some(y)) => (x - y).abs() < 1e-6,
        _ => false,
    }
}

/// Parse a corpus file; when the full parser cannot read it (yet) or gives no Item 5, split
/// the items off the schedule document with a crude reader so the extractor is still
/// measured.
fn parse_for_trades(
    bytes: &[u8],
    label: Option<&serde_json::Value>,
) -> (Schedule13D, &'static str) {
    if let Ok(f) = sec13d::parse_filing(bytes) {
        if f.items.contains_key("5") {
            return (f, "parsed");
        }
    }
    let decoded = sec13d::text::Decoded::new(bytes);
    let text: &str = &decoded.text;
    let mut f = Schedule13D::default();
    let Ok(sub) = sec13d::container::Submission::parse(text) else {
        return (f, "fallback");
    };
    let Some(doc) = sub.schedule_document() else {
        return (f, "fallback");
    };
    let body = &text[doc.body.clone()];
    let html = doc.content == sec13d::container::Content::Html;
    let lines = if html {
        html_lines(body)
    } else {
        text_lines(body)
    };
    let item_re = regex::Regex::new(r"(?i)^\s*item\s*(\d{1,2})\s*[.:\-\t ]").expect("re");
    let mut items: BTreeMap<String, String> = BTreeMap::new();
    let mut cur: Option<String> = None;
    let mut buf = String::new();
    let flush = |cur: &Option<String>, buf: &mut String, items: &mut BTreeMap<String, String>| {
        if let Some(k) = cur {
            let e = items.entry(k.clone()).or_default();
            if buf.len() > e.len() {
                *e = std::mem::take(buf);
            }
        }
        buf.clear();
    };
    for l in &lines {
        if let Some(c) = item_re.captures(&l.text) {
            let n = c[1].to_string();
            if n.parse::<u32>().is_ok_and(|v| (1..=10).contains(&v)) {
                flush(&cur, &mut buf, &mut items);
                cur = Some(n);
            }
        }
        if l.para && !buf.is_empty() {
            buf.push('\n');
        }
        buf.push_str(&l.text);
        buf.push('\n');
    }
    flush(&cur, &mut buf, &mut items);
    f.items = items;
    if let Some(l) = label {
        f.event_date = l["event_date"].as_str().and_then(d);
        if let Some(ps) = l["reporting_persons"].as_array() {
            f.reporting_persons = ps
                .iter()
                .map(|p| sec13d::model::ReportingPerson {
                    name: p["name"].as_str().unwrap_or("").to_string(),
                    ..Default::default()
                })
                .collect();
        }
    }
    let others: Vec<(usize, &str, bool)> = sub
        .documents
        .iter()
        .filter(|x| {
            !std::ptr::eq(*x, doc)
                && matches!(
                    x.content,
                    sec13d::container::Content::Text | sec13d::container::Content::Html
                )
        })
        .map(|x| {
            (
                x.body.start,
                &text[x.body.clone()],
                x.content == sec13d::container::Content::Html,
            )
        })
        .collect();
    sec13d::trades::extract(&mut f, &others);
    (f, "fallback")
}

#[test]
fn corpus_recall_and_precision() {
    let Some(dir) = common::corpus_with("labels") else {
        println!("SKIP corpus_recall_and_precision: no corpus (set SEC13D_CORPUS or place it at ../shared/corpus)");
        return;
    };
    let mut label_files = Vec::new();
    for sub in ["html", "sgml_txt", "text"] {
        if let Ok(rd) = std::fs::read_dir(dir.join("labels").join(sub)) {
            for e in rd.flatten() {
                label_files.push(e.path());
            }
        }
    }
    label_files.sort();
    let (mut expected, mut matched, mut produced) = (0usize, 0usize, 0usize);
    let mut labelled = std::collections::BTreeSet::new();
    for lf in &label_files {
        let Ok(s) = std::fs::read_to_string(lf) else {
            continue;
        };
        let Ok(label) = serde_json::from_str::<serde_json::Value>(&s) else {
            continue;
        };
        let Some(file) = label["file"].as_str() else {
            continue;
        };
        labelled.insert(file.to_string());
        if label["schedule"].as_str() != Some("13D")
            || label["trades_complete"].as_bool() != Some(true)
        {
            continue;
        }
        let Ok(bytes) = std::fs::read(dir.join(file)) else {
            continue;
        };
        let (f, how) = parse_for_trades(&bytes, Some(&label));
        let want = label_trades(&label);
        let mut left: Vec<Option<&Trade>> = f.trades.iter().map(Some).collect();
        let mut misses = Vec::new();
        for w in &want {
            let hit = left.iter_mut().find(|t| {
                t.is_some_and(|t| t.side == w.0 && close(t.shares, w.1) && close(t.price, w.2))
            });
            match hit {
                Some(slot) => {
                    *slot = None;
                    matched += 1;
                }
                None => misses.push(format!("MISS {:?} {:?} {:?} | {}", w.0, w.1, w.2, w.3)),
            }
        }
        let extra: Vec<String> = left
            .iter()
            .flatten()
            .map(|t| {
                format!(
                    "EXTRA {:?} {:?} {:?} | {}",
                    t.side,
                    t.shares,
                    t.price,
                    t.raw.chars().take(90).collect::<String>()
                )
            })
            .collect();
        expected += want.len();
        produced += f.trades.len();
        if !misses.is_empty() || !extra.is_empty() {
            println!(
                "{file} ({how}): {} labelled, {} found",
                want.len(),
                f.trades.len()
            );
            for m in misses.iter().chain(&extra) {
                println!("    {m}");
            }
        }
    }
    let recall = if expected == 0 {
        1.0
    } else {
        matched as f64 / expected as f64
    };
    let precision = if produced == 0 {
        1.0
    } else {
        matched as f64 / produced as f64
    };
    println!("TRADES recall {matched}/{expected} = {recall:.3}, precision {matched}/{produced} = {precision:.3}");

    // Unlabelled 13D files: what the extractor finds.
    let (mut files, mut with_trades, mut n_trades, mut silent) = (0, 0, 0, 0);
    let num = regex::Regex::new(r"\d{1,3}(,\d{3})+|\d+\.\d+").expect("re");
    for sub in ["html", "sgml_txt", "text", "xml"] {
        let Ok(rd) = std::fs::read_dir(dir.join(sub)) else {
            continue;
        };
        let mut paths: Vec<PathBuf> = rd.flatten().map(|e| e.path()).collect();
        paths.sort();
        for p in paths {
            let rel = format!(
                "{sub}/{}",
                p.file_name().and_then(|n| n.to_str()).unwrap_or("")
            );
            if labelled.contains(&rel) {
                continue;
            }
            let Ok(bytes) = std::fs::read(&p) else {
                continue;
            };
            let (f, _) = parse_for_trades(&bytes, None);
            if f.schedule != sec13d::model::Schedule::D13 || !f.items.contains_key("5") {
                continue;
            }
            let form = f.form_type.clone().unwrap_or_default();
            if form.contains("13G") {
                continue;
            }
            files += 1;
            n_trades += f.trades.len();
            if std::env::var_os("TRADES_LIST").is_some() {
                for t in &f.trades {
                    println!(
                        "LIST {rel} ev={:?} {:?} {:?} {:?} {:?}/{:?}-{:?} {:?} | {}",
                        f.event_date,
                        t.side,
                        t.shares,
                        t.price,
                        t.trade_date,
                        t.period_start,
                        t.period_end,
                        t.security,
                        t.raw.chars().take(110).collect::<String>()
                    );
                }
            }
            if !f.trades.is_empty() {
                with_trades += 1;
            } else {
                let lines = text_lines(f.items.get("5").map_or("", String::as_str));
                let c: String = sec13d::trades::part_c(&lines)
                    .iter()
                    .flat_map(|s| s.iter())
                    .map(|l| l.text.clone() + "\n")
                    .collect();
                if num.is_match(&c) && !c.is_empty() && lines.len() > 1 {
                    silent += 1;
                    println!(
                        "SILENT {rel}: {}",
                        c.chars().take(200).collect::<String>().replace('\n', " / ")
                    );
                }
            }
        }
    }
    println!("UNLABELLED 13D: {n_trades} trades found in {with_trades} of {files} filings; {silent} Item 5(c) sections with numbers yielded nothing");

    assert!(recall >= 0.95, "recall {recall:.3} < 0.95");
    assert!(precision >= 0.95, "precision {precision:.3} < 0.95");
}

/// Development aid: `TRADES_DUMP=file TRADES_PAT=word cargo test --test trades dump_lines -- --ignored --nocapture`.
#[test]
#[ignore]
fn dump_lines() {
    let path = std::env::var("TRADES_DUMP").unwrap_or_default();
    let pat = std::env::var("TRADES_PAT")
        .unwrap_or_default()
        .to_lowercase();
    let bytes = std::fs::read(&path).unwrap_or_default();
    let dec = sec13d::text::Decoded::new(&bytes);
    let text: &str = &dec.text;
    let Ok(sub) = sec13d::container::Submission::parse(text) else {
        return;
    };
    for doc in &sub.documents {
        let body = &text[doc.body.clone()];
        let lines = if doc.content == sec13d::container::Content::Html {
            html_lines(body)
        } else {
            text_lines(body)
        };
        let mut show = 0;
        for l in &lines {
            if !pat.is_empty() && l.text.to_lowercase().contains(&pat) {
                show = 25;
            }
            if pat.is_empty() || show > 0 {
                println!(
                    "{}{}",
                    if l.para { "¶ " } else { "  " },
                    l.text.replace('\t', " | ")
                );
                show -= 1;
            }
        }
    }
}

#[test]
fn cells_on_lines_of_their_own() {
    let item = "The following table reflects the purchases of Common Stock\nduring the past 60 days.\n\nA. Special Situations Fund III QP, L.P.\n\nDate\nQuantity\nAverage Price\n\n(Purchases)\n\nDuring June 2006\n6,500\n$2.10\nDuring July 2006\n205,200\n$1.80\n\nDate\nQuantity\nAverage Price\n\n(Sales)\n\nB. Special Situations Cayman Fund, L.P.\n";
    let t = extract_item5(item, &ctx("2006-07-31"));
    assert_eq!(t.len(), 2, "{t:?}");
    assert_eq!(key(&t[1]), (Side::Buy, Some(205200.0), Some(1.8)));
    assert_eq!(
        t[1].reporting_person.as_deref(),
        Some("Special Situations Fund III QP, L.P.")
    );
}

#[test]
fn passive_quantity_before_the_verb() {
    let item = "(c) 1,875,000 of the shares of Common Stock were purchased by Mr. Smith from the underwriters at a price of $8.00 per share.";
    let t = extract_item5(item, &ctx("2012-07-01"));
    assert_eq!(t.len(), 1, "{t:?}");
    assert_eq!(key(&t[0]), (Side::Buy, Some(1875000.0), Some(8.0)));
    let item = "(c) 2,000 shares were sold by the Fund on May 3, 2010 at $4.25 per share, and 500 shares were purchased by the Fund on May 4, 2010 at $4.10 per share.";
    let t = extract_item5(item, &ctx("2010-05-10"));
    assert_eq!(t.len(), 2, "{t:?}");
    assert_eq!(key(&t[0]), (Side::Sell, Some(2000.0), Some(4.25)));
    assert_eq!(t[0].trade_date, d("2010-05-03"));
    assert_eq!(key(&t[1]), (Side::Buy, Some(500.0), Some(4.10)));
    assert_eq!(t[1].trade_date, d("2010-05-04"));
}

#[test]
fn restated_a_b_without_c_reads_nothing() {
    // Holdings under "(a) – (b)" are never trades when the amendment has no part (c).
    for item in [
        "Item 5 (a) – (b) is hereby amended and restated in its entirety:\n“(a) – (b)\nAs of March 1, 2012, the Fund owns 36,332,270 shares, 50.8%, acquired on March 1, 2012 for $1.50 per share.\n",
        "Item 5 is amended by restating (a) – (b) thereof as follows:\nThe Fund purchased 24,575,501 shares on July 30, 2019.\n",
        "(a) The Fund owns 1,000 shares, purchased on March 1, 2012 at $2.00 per share.\n(b) Sole power: 1,000\n(d) None.\n",
    ] {
        let t = extract_item5(item, &ctx("2012-03-10"));
        assert!(t.is_empty(), "{item}: {t:?}");
    }
    // A joined "(a) – (c)" covers part (c); "(c.)" is a part marker too.
    let t = extract_item5(
        "(a) – (c) On March 1, 2012 the Fund purchased 1,000 shares at $2.00 per share.\n(d) None.\n",
        &ctx("2012-03-10"),
    );
    assert_eq!(t.len(), 1, "{t:?}");
    let t = extract_item5(
        "(a.) – (b.) Amount beneficially owned:\nc.\nSole power to dispose: 10,000\n(c.) On March 1, 2012 the Fund sold 500 shares at $3.00 per share.\n(d.) None.\n",
        &ctx("2012-03-10"),
    );
    assert_eq!(t.len(), 1, "{t:?}");
    assert_eq!(key(&t[0]), (Side::Sell, Some(500.0), Some(3.0)));
}

#[test]
fn wrapped_enumerator_is_not_a_part_marker() {
    let item = "On August 2, 1995, Mrs. B sold 1,000 shares of the Common Stock at $6.00 per share, and\n(b) the Trust holds the rest.\n";
    let t = extract_item5(item, &ctx("1995-08-05"));
    assert_eq!(t.len(), 1, "{t:?}");
}

#[test]
fn issuer_shares_and_price_in_the_next_sentence() {
    let item = "On March 22, 1994, the offering was consummated resulting in the sale of 900,000 shares of Common Stock by the Company and 975,000 shares of Common Stock by the Fund. The Fund received aggregate proceeds of approximately $28 million, or $28.531 per share.";
    let t = extract_item5(item, &ctx("1994-03-22"));
    assert_eq!(t.len(), 1, "{t:?}");
    assert_eq!(key(&t[0]), (Side::Sell, Some(975000.0), Some(28.531)));
}

#[test]
fn relative_clause_history_is_dated_and_dropped() {
    // Item 5(c) points to Item 3; the holdings bought years ago are not trades of the window,
    // the list item after a relative clause is not its quantity.
    let mut f = Schedule13D {
        event_date: d("2023-05-23"),
        ..Default::default()
    };
    f.items.insert(
        "5".into(),
        "(c) The response to Item 3 is incorporated herein. Except as disclosed herein, none of the Reporting Persons effected any transactions.".into(),
    );
    f.items.insert(
        "3".into(),
        "Prior to the Merger, the Fund directly held (i) 32,334,554 shares of Series D preferred stock, which it acquired in January and February of 2021 for a purchase price of $0.4369 per share, (ii) 4,423,401 shares of Series E preferred stock, which it acquired in May of 2022, for a purchase price of $1.2208 per share, and (iii) an option to purchase up to 40,000 shares at an exercise price of $0.60 per share, which was granted to the Fund on June 23, 2022.".into(),
    );
    sec13d::trades::extract(&mut f, &[]);
    assert!(f.trades.is_empty(), "{:?}", f.trades);
}

#[test]
fn proceeds_dated_agreements_and_participles_are_not_trades() {
    for item in [
        "(d) The co-trustee has the right to the proceeds from the sale of the 25,300 shares held by the trusts.",
        "(c) Motient has the power to vote on an as-converted basis the 996,171 shares of Preferred Stock.",
        "(c) Among the units issued at closing, 5,290,000 units are held in escrow.",
    ] {
        let t = extract_item5(item, &ctx("2001-05-14"));
        assert!(t.is_empty(), "{item}: {t:?}");
    }
    let t = extract_item5(
        "(c) On October 31, 2001, Mrs. M received 1,100,000 shares of Common Stock pursuant to a Stock Purchase Agreement, dated as of October 26, 2000.",
        &ctx("2001-11-05"),
    );
    assert_eq!(t.len(), 1, "{t:?}");
    assert_eq!(t[0].trade_date, d("2001-10-31"));
}

#[test]
fn a_date_inside_a_quantity_list_is_not_a_quantity() {
    let item = "(c) The Reporting Person was granted options on August 15, 2010 and 600,000 Common Shares on the same day.";
    let t = extract_item5(item, &ctx("2010-08-20"));
    assert!(t.iter().all(|x| x.shares == Some(600000.0)), "{t:?}");
}

#[test]
fn fractions_apostrophes_dotted_dates_and_multi_day() {
    let item = "(c) On August 2, 1995, Mrs. B sold 100,000 shares of the Common Stock for $3-13/16 per share.";
    let t = extract_item5(item, &ctx("1995-08-02"));
    assert_eq!(t.len(), 1, "{t:?}");
    assert_eq!(t[0].price, Some(3.8125));
    assert_eq!(t[0].trade_date, d("1995-08-02"));
    // Swiss grouping, day-first dotted dates, a flag cell after a word cell.
    let item = "(c) The following transactions:\nDate\tType\tQuantity\tPrice\n08.01.2026\tSELL\t1'996\t74.53\n23.01.2026\tBUY\t55'798\t71.71\n";
    let t = extract_item5(item, &ctx("2026-01-23"));
    assert_eq!(t.len(), 2, "{t:?}");
    assert_eq!(key(&t[0]), (Side::Sell, Some(1996.0), Some(74.53)));
    assert_eq!(t[0].trade_date, d("2026-01-08"));
    assert_eq!(key(&t[1]), (Side::Buy, Some(55798.0), Some(71.71)));
    let item = "(c)\n12/20/99\tMarket Purchase\t2,000\t6.38\n";
    let t = extract_item5(item, &ctx("2000-02-09"));
    assert_eq!(t.len(), 1, "{t:?}");
    assert_eq!(key(&t[0]), (Side::Buy, Some(2000.0), Some(6.38)));
    let item = "(c) On August 2 and 3, 1995, the Trust sold 5,000 shares at $4.00 per share.";
    let t = extract_item5(item, &ctx("1995-08-05"));
    assert_eq!(t.len(), 1, "{t:?}");
    assert_eq!(t[0].period_start, d("1995-08-02"));
    assert_eq!(t[0].period_end, d("1995-08-03"));
}

#[test]
fn price_before_count_and_amount_after() {
    let item = "(c) Purchases:\nJuly 29\t$11.64\t6,000\t$ 69,860.00\nSeptember 8\t13.39\t18,000\t240,930.00\n";
    let t = extract_item5(item, &ctx("1997-09-05"));
    assert_eq!(t.len(), 2, "{t:?}");
    assert_eq!(key(&t[0]), (Side::Buy, Some(6000.0), Some(11.64)));
    assert_eq!(key(&t[1]), (Side::Buy, Some(18000.0), Some(13.39)));
    assert_eq!(
        t[1].trade_date,
        d("1997-09-08"),
        "a day just after the event stays in its year"
    );
}

#[test]
fn prose_lines_totals_and_old_history() {
    // A wrapped prose line with a date is not a table row; a sentence totalling the trades
    // told before is not a trade; a sentence years before the event is history.
    let item = "On August 10, 1995, Mrs. B sold 15,000 shares of the Common Stock for $6.00 per share.\n\
        On August 15, 1995, Mrs. B sold 17,500 shares of the Common Stock for $6.10 per share.\n\
        As a result of the sale of 32,500 shares of the Common Stock on August 10 and 15, 1995, Mrs. B is the beneficial owner of\n\
        349,708 shares.\n\
        On December 13, 1988, WCI contributed the 14,200,000 shares held by it to Investors.\n";
    let t = extract_item5(item, &ctx("1995-08-20"));
    assert_eq!(t.len(), 2, "{t:?}");
    assert_eq!(key(&t[0]), (Side::Sell, Some(15000.0), Some(6.0)));
    assert_eq!(key(&t[1]), (Side::Sell, Some(17500.0), Some(6.1)));
}

#[test]
fn a_row_dated_years_away_is_reported() {
    let mut f = Schedule13D {
        event_date: d("2010-05-10"),
        ..Default::default()
    };
    f.items.insert(
        "5".into(),
        "(c) Purchases:\n5/3/2010\t1,000\t$5.00\n5/4/2001\t2,000\t$5.10\n".into(),
    );
    sec13d::trades::extract(&mut f, &[]);
    assert_eq!(f.trades.len(), 1, "{:?}", f.trades);
    assert!(
        f.issues.iter().any(|i| i.code == "trade-unparsed"),
        "{:?}",
        f.issues
    );
}

/// XML item texts are rebuilt from elements; every trade read from them still points at its
/// words in the source (spaces aside), within the right document.
#[test]
fn corpus_xml_trades_have_source_spans() {
    let Some(dir) = common::corpus_with("xml") else {
        return;
    };
    let mut trades = 0;
    for (path, bytes) in common::files(&dir, "xml") {
        let Ok(f) = sec13d::parse_filing(&bytes) else {
            continue;
        };
        let source = String::from_utf8_lossy(&bytes);
        for (i, t) in f.trades.iter().enumerate() {
            let span = f
                .spans
                .get(&format!("trades[{i}].raw"))
                .unwrap_or_else(|| panic!("{}: trade {i} has no span", path.display()));
            let words = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
            assert_eq!(
                words(&source[span.start..span.end]),
                words(&t.raw),
                "{}",
                path.display()
            );
            trades += 1;
        }
    }
    assert!(trades >= 50, "{trades} XML trades");
}
