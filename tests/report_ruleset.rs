//! The HTML report's ruleset appendix: the text `airoi rules` prints, byte
//! for byte once its markup is removed, with each paragraph after the first
//! (a table and the comment above it) kept on one printed page.

use crate::common::{run_at_root, stdout};

#[test]
fn the_report_prints_the_ruleset_in_paragraphs_a_page_does_not_split() {
    let html = std::fs::read_to_string("samples/portfolio.audit.html").expect("the sample report");
    let start = html
        .find("<pre># airoi ruleset")
        .expect("the ruleset appendix")
        + 5;
    let pre = &html[start..start + html[start..].find("</pre>").expect("its end")];
    let mut text = String::new();
    let mut in_tag = false;
    for c in pre.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => text.push(c),
            _ => {}
        }
    }
    let text = text
        .replace("&quot;", "\"")
        .replace("&#x27;", "'")
        .replace("&#x2f;", "/")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&");
    let rules = stdout(&run_at_root(&["rules"]));
    assert_eq!(text, rules);
    // Every paragraph but the first is one unbreakable block, and the
    // simulation's keys are a paragraph apart from the scenarios'.
    let paragraphs = rules.split_inclusive("\n\n").count();
    assert_eq!(
        pre.matches("<span class=\"paragraph\">").count(),
        paragraphs - 1
    );
    assert!(rules.contains("seed = 17\n\n# --- Scenarios"), "{rules}");
    let css = &html[..html.find("</style>").expect("the style sheet")];
    assert!(css.contains("pre .paragraph { display: block; break-inside: avoid;"));
}
