//! Share lists: a workload split across providers, as the spec's "Share
//! lists" reads them. Entries are separated by `;` `,` `/` `|` and line
//! breaks, and by `and`, `&` and `+` outside a known provider name; each
//! entry is `name`, `name:share`, `name share`, `name share%`,
//! `name share %` or `share% name`. Names are read by [`super::providers`].

use super::cell::{CellValue, number_text, round_sig};
use super::providers::{NameTable, ProviderName};
use super::values::{ParseCtx, quoted, text};
use crate::model::{ProviderDimension, Share, ShareList};

/// A share list: `azure:70; aws:30`, `Azure 70%, AWS 30%`, `90% Azure, 10%
/// AWS`, `aws`, fractions summing to 1, or names alone (`AWS and Azure`,
/// split equally). Names are read through the ruleset's provider table of
/// `dimension`.
///
/// # Errors
///
/// A message quoting the cell when an entry is neither a name nor a name
/// with a share, when some entries have shares and others not, when the
/// shares do not sum to 100 (within the ruleset's tolerance) or to 1, or
/// when a name is a near-miss of a known provider name (with a
/// did-you-mean).
pub fn shares(
    cell: &CellValue,
    ctx: &ParseCtx,
    dimension: ProviderDimension,
) -> Result<ShareList, String> {
    let names = ctx.provider_names.table(dimension);
    let table = dimension.table_name();
    let t = text(cell)?;
    if matches!(cell, CellValue::Number { .. } | CellValue::Bool(_)) {
        return Err(format!(
            "{} is not a provider list; expected e.g. azure:70; aws:30",
            quoted(cell)
        ));
    }
    let mut items: Vec<(String, Option<f64>)> = Vec::new();
    for piece in entries(&t, names) {
        items.push(share_item(piece).ok_or_else(|| {
            format!(
                "{} has an entry \"{piece}\" that is not `name`, `name:share`, `name share%` or `share% name`",
                quoted(cell)
            )
        })?);
    }
    if items.is_empty() {
        return Err(format!("{} names no provider", quoted(cell)));
    }
    let mut unknown_notes = Vec::new();
    let mut providers = Vec::with_capacity(items.len());
    for (name, _) in &items {
        providers.push(match names.read(name) {
            ProviderName::Known(p) => p,
            ProviderName::Unknown(p) => {
                let note = format!(
                    "\"{name}\" is not a known provider; read as a provider of its own, {p} (if it is another name for a known one, add it to that one's aliases under [{table}] in a --rules file)"
                );
                if !unknown_notes.contains(&note) {
                    unknown_notes.push(note);
                }
                p
            }
            ProviderName::NearMiss(meant) => {
                return Err(format!(
                    "{} names \"{name}\", which is not a known provider; did you mean {meant}? (if it is a provider of its own, add it as [{table}.{}] in a --rules file)",
                    quoted(cell),
                    crate::model::provider_key(name)
                ));
            }
        });
    }
    let given = items.iter().filter(|(_, v)| v.is_some()).count();
    let mut notes = Vec::new();
    let mut raw: Vec<(String, f64)> = if given == 0 {
        let each = 100.0 / items.len() as f64;
        if items.len() > 1 {
            notes.push(format!(
                "no shares given for {}; an equal split was assumed",
                items
                    .iter()
                    .map(|(n, _)| n.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            ));
        }
        items.into_iter().map(|(n, _)| (n, each)).collect()
    } else if given < items.len() {
        return Err(format!(
            "{} gives shares for some providers but not others",
            quoted(cell)
        ));
    } else {
        items
            .into_iter()
            .map(|(n, v)| (n, v.unwrap_or(0.0)))
            .collect()
    };
    if raw.iter().any(|(_, v)| !v.is_finite() || *v < 0.0) {
        return Err(format!("{} has a negative share", quoted(cell)));
    }
    let sum: f64 = raw.iter().map(|(_, v)| v).sum();
    if given > 0 && raw.iter().all(|(_, v)| *v <= 1.0) && (sum - 1.0).abs() <= 0.01 {
        for (_, v) in &mut raw {
            *v *= 100.0;
        }
        notes.push("shares read as fractions of 1".to_string());
    } else if given > 0 && (sum - 100.0).abs() > ctx.share_tolerance + 1e-9 {
        return Err(format!(
            "{} shares sum to {}; expected 100 ± {}",
            quoted(cell),
            number_text(round_sig(sum)),
            number_text(ctx.share_tolerance)
        ));
    }
    let sum: f64 = raw.iter().map(|(_, v)| v).sum();
    if sum <= 0.0 {
        return Err(format!("{} shares sum to 0", quoted(cell)));
    }
    if (sum - 100.0).abs() > 1e-9 {
        notes.push(format!(
            "shares summed to {}; normalised to 100",
            number_text(round_sig(sum))
        ));
    }
    let mut list: Vec<Share> = Vec::new();
    for ((name, v), provider) in raw.into_iter().zip(providers) {
        let pct = v * 100.0 / sum;
        if let Some(existing) = list.iter_mut().find(|s| s.provider == provider) {
            existing.pct += pct;
            notes.push(format!(
                "{name} counted as {}, merged with the same provider",
                names.shown(&provider)
            ));
        } else {
            list.push(Share { provider, pct });
        }
    }
    notes.extend(unknown_notes);
    Ok(ShareList {
        shares: list,
        notes,
    })
}

/// The list's entries: split on the separators, then on `and`, `&` and `+`
/// wherever they are not part of a known provider name (an alias such as
/// `"at&t"` in a ruleset stays whole).
fn entries<'t>(text: &'t str, names: &NameTable) -> Vec<&'t str> {
    let mut out = Vec::new();
    for piece in text.split([';', ',', '/', '|', '\n', '\r']) {
        let mut start = 0;
        for (from, to) in connectors(piece, names) {
            out.push(&piece[start..from]);
            start = to;
        }
        out.push(&piece[start..]);
    }
    out.into_iter()
        .map(str::trim)
        .filter(|e| !e.is_empty())
        .collect()
}

/// Byte ranges of the connectors in `piece` that separate names: `&`, `+`,
/// and the word `and`, outside every known name that contains one.
fn connectors(piece: &str, names: &NameTable) -> Vec<(usize, usize)> {
    // ASCII lower case keeps every byte offset of `piece`.
    let lower = piece.to_ascii_lowercase();
    let mut found: Vec<(usize, usize)> = lower
        .match_indices(['&', '+'])
        .map(|(i, m)| (i, i + m.len()))
        .collect();
    found.extend(lower.match_indices("and").filter_map(|(i, m)| {
        let end = i + m.len();
        let spaced_before = lower[..i]
            .chars()
            .next_back()
            .is_none_or(char::is_whitespace);
        let spaced_after = lower[end..].chars().next().is_none_or(char::is_whitespace);
        (spaced_before && spaced_after).then_some((i, end))
    }));
    if found.is_empty() {
        return found;
    }
    found.sort_unstable();
    let guarded: Vec<(usize, usize)> = names
        .names_with_connector()
        .iter()
        .flat_map(|alias| {
            lower
                .match_indices(alias.as_str())
                .map(|(i, m)| (i, i + m.len()))
        })
        .collect();
    found.retain(|(from, to)| !guarded.iter().any(|(s, e)| s <= from && to <= e));
    found
}

/// One entry as a name and its share, if written; `None` when the entry is
/// not a name (only digits and signs) or holds a share on both sides.
fn share_item(piece: &str) -> Option<(String, Option<f64>)> {
    let cleaned = unbracket_shares(piece);
    let cleaned = cleaned.trim();
    let (name, value) = if let Some((n, v)) = cleaned.split_once([':', '=']) {
        (n, Some(v))
    } else if let Some((n, v)) = share_after(cleaned) {
        if share_before(n).is_some() {
            return None;
        }
        (n, Some(v))
    } else if let Some((v, n)) = share_before(cleaned) {
        (n, Some(v))
    } else {
        (cleaned, None)
    };
    let name = name.trim_matches(|c: char| {
        c.is_whitespace() || matches!(c, '-' | '\u{2013}' | '\u{2014}' | '.' | '"' | '\'')
    });
    if !name.chars().any(char::is_alphanumeric)
        || name
            .chars()
            .all(|c| c.is_ascii_digit() || c == '.' || c == '%')
    {
        return None;
    }
    let value = match value {
        Some(v) => {
            let v = v.trim().trim_end_matches('%').trim();
            Some(v.parse::<f64>().ok()?)
        }
        None => None,
    };
    Some((name.to_string(), value))
}

/// `Azure (70%)` as `Azure  70% `: brackets around a share go, brackets
/// in a name (`Llama (self-hosted)`) stay, so notes quote the name as written.
fn unbracket_shares(piece: &str) -> String {
    let mut out = String::with_capacity(piece.len());
    let mut rest = piece;
    while let Some(open) = rest.find('(') {
        let inside = &rest[open + 1..];
        match inside.find(')') {
            Some(close) if looks_numeric(&inside[..close]) => {
                out.push_str(&rest[..open]);
                out.push(' ');
                out.push_str(&inside[..close]);
                out.push(' ');
                rest = &inside[close + 1..];
            }
            _ => {
                out.push_str(&rest[..=open]);
                rest = inside;
            }
        }
    }
    out.push_str(rest);
    out
}

/// `Azure 70`, `Azure 70%`, `Azure 70 %`: the name and the share after it.
fn share_after(entry: &str) -> Option<(&str, &str)> {
    let body = entry.strip_suffix('%').map_or(entry, str::trim_end);
    let (name, share) = body.rsplit_once(char::is_whitespace)?;
    looks_numeric(share).then_some((name.trim_end(), share))
}

/// `70% Azure`, `70 % Azure`, `70 Azure`: the share before the name and
/// the name.
fn share_before(entry: &str) -> Option<(&str, &str)> {
    let end = entry.find(|c: char| c.is_whitespace() || c == '%')?;
    let (share, rest) = entry.split_at(end);
    if !looks_numeric(share) {
        return None;
    }
    let rest = rest.trim_start();
    let rest = rest.strip_prefix('%').unwrap_or(rest).trim_start();
    (!rest.is_empty()).then_some((share, rest))
}

/// A number written with digits (so `Infinity` and `NaN` are names).
fn looks_numeric(v: &str) -> bool {
    let v = v.trim().trim_end_matches('%').trim_end();
    v.chars().any(|c| c.is_ascii_digit()) && v.parse::<f64>().is_ok()
}

#[cfg(test)]
mod tests;
