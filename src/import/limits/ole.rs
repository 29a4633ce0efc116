//! The OLE compound file an xls lives in: its workbook stream read the way
//! calamine reads it, but refusing a container whose sector chains loop or
//! point outside the file, which calamine would follow until memory ran
//! out.

use crate::import::error::SourceError;

const END_OF_CHAIN: u32 = 0xFFFF_FFFE;
const RESERVED: u32 = 0xFFFF_FFFA;
const DIFSECT: u32 = 0xFFFF_FFFC;

pub(super) fn u16_at(b: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_le_bytes(b.get(at..at + 2)?.try_into().ok()?))
}

pub(super) fn u32_at(b: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes(b.get(at..at + 4)?.try_into().ok()?))
}

/// Follows a sector chain from `id` through `table`, collecting up to `len`
/// bytes of `sector(id)`. Stops as calamine does at the end of the chain
/// or at `len`; a chain longer than `max_steps` can only be a loop.
fn chain<'b>(
    mut id: u32,
    len: usize,
    table: &[u32],
    max_steps: usize,
    sector: impl Fn(u32) -> &'b [u8],
) -> Result<Vec<u8>, SourceError> {
    let mut out = Vec::new();
    let mut steps = 0usize;
    while id != END_OF_CHAIN && out.len() < len {
        steps += 1;
        if steps > max_steps {
            return Err(SourceError::XlsDamaged("a chain of its sectors loops"));
        }
        let piece = sector(id);
        out.extend_from_slice(&piece[..piece.len().min(len - out.len())]);
        id = *table.get(id as usize).ok_or(SourceError::XlsDamaged(
            "a chain of its sectors points outside the file",
        ))?;
    }
    Ok(out)
}

fn words(bytes: &[u8]) -> impl Iterator<Item = u32> + '_ {
    bytes.chunks_exact(4).filter_map(|w| u32_at(w, 0))
}

/// A directory entry: name, first sector, length.
type Entry = (String, u32, u64);

fn entry(e: &[u8], large: bool) -> Entry {
    let name: Vec<u16> = e[..64]
        .chunks_exact(2)
        .filter_map(|w| u16_at(w, 0))
        .take_while(|&u| u != 0)
        .collect();
    let len = if large {
        u32_at(e, 120).map_or(0, u64::from) | u32_at(e, 124).map_or(0, |h| u64::from(h) << 32)
    } else {
        u32_at(e, 120).map_or(0, u64::from)
    };
    let start = u32_at(e, 116).unwrap_or(END_OF_CHAIN);
    (String::from_utf16_lossy(&name), start, len)
}

/// Reads the workbook stream, refusing containers that would make calamine
/// loop or over-allocate. `Ok(None)` when the file is not an OLE container
/// calamine can open; its own error then says why.
pub(super) fn workbook_stream(bytes: &[u8]) -> Result<Option<Vec<u8>>, SourceError> {
    let Some(header) = bytes.get(..512) else {
        return Ok(None);
    };
    let size: usize = match u16_at(header, 30) {
        Some(9) => 512,
        Some(12) => 4096,
        _ => return Ok(None),
    };
    // Sector `id` follows the header, which takes one sector.
    let sector = |id: u32| -> &[u8] {
        let start = (id as usize).saturating_add(1).saturating_mul(size);
        let end = start.saturating_add(size).min(bytes.len());
        bytes.get(start..end).unwrap_or(&[])
    };
    let max_sectors = bytes.len() / size + 1;
    let mut difat: Vec<u32> = words(&header[76..512]).collect();
    let mut next = u32_at(header, 68).unwrap_or(END_OF_CHAIN);
    let mut difat_sectors = 0usize;
    while next < RESERVED {
        difat_sectors += 1;
        if difat_sectors > max_sectors {
            return Ok(None); // calamine refuses this itself
        }
        difat.extend(words(sector(next)));
        next = difat.pop().unwrap_or(END_OF_CHAIN);
    }
    let fat_sectors: Vec<u32> = difat.into_iter().filter(|id| *id < DIFSECT).collect();
    if fat_sectors.len() > max_sectors {
        return Err(SourceError::XlsDamaged(
            "its allocation table lists more sectors than the file has",
        ));
    }
    let fat: Vec<u32> = fat_sectors
        .iter()
        .flat_map(|id| words(sector(*id)))
        .collect();
    let dir_start = u32_at(header, 48).unwrap_or(END_OF_CHAIN);
    let dirs = chain(dir_start, usize::MAX, &fat, max_sectors, sector)?;
    let entries: Vec<Entry> = dirs
        .chunks_exact(128)
        .map(|e| entry(e, size == 4096))
        .collect();
    let Some(root) = entries.first() else {
        return Ok(None);
    };
    let find = |wanted: &str| entries.iter().find(|e| e.0.eq_ignore_ascii_case(wanted));
    let Some(stream) = find("Workbook").or_else(|| find("Book")) else {
        return Ok(None);
    };
    let file_len = bytes.len() as u64;
    let mini_fat_len = u64::from(u32_at(header, 64).unwrap_or(0)).saturating_mul(size as u64);
    if root.2 > file_len || stream.2 > file_len || mini_fat_len > file_len {
        return Err(SourceError::XlsDamaged(
            "it declares streams larger than the file",
        ));
    }
    let len = stream.2 as usize;
    // Lengths are bounded by the file's, so every walk below is too.
    let steps = max_sectors.saturating_mul(size / 64) + 1;
    if stream.2 >= 4096 {
        return chain(stream.1, len, &fat, steps, sector).map(Some);
    }
    // A small stream lives in the mini stream, in 64-byte mini sectors.
    let mini = chain(root.1, root.2 as usize, &fat, steps, sector)?;
    let mini_fat_start = u32_at(header, 60).unwrap_or(END_OF_CHAIN);
    let mini_fat: Vec<u32> = words(&chain(
        mini_fat_start,
        mini_fat_len as usize,
        &fat,
        steps,
        sector,
    )?)
    .collect();
    let mini_sector = |id: u32| -> &[u8] {
        let start = (id as usize).saturating_mul(64).min(mini.len());
        &mini[start..start.saturating_add(64).min(mini.len())]
    };
    chain(stream.1, len, &mini_fat, steps, mini_sector).map(Some)
}
