//! Records of a streamed run kept on disk until the run ends.
//!
//! Some outputs can only be written once every project has passed: the
//! Scores table's range and extra columns, the Findings pages counted ahead,
//! the JSON document whose portfolio figures come before its projects. So
//! each project's part is pushed into a [`Spool`] as it passes, an unnamed
//! temporary file (a few hundred bytes to a few kilobytes a project, never
//! held in memory), and replayed, in order, for every consumer.
//!
//! A record is a serde value in `postcard`'s compact binary form, preceded
//! by its length (four bytes, little-endian). What is written borrows from
//! the project; what is read back owns its data ([`Record`]).

use std::fs::File;
use std::io::{self, BufReader, BufWriter, Read, Seek, SeekFrom, Write};
use std::marker::PhantomData;

use serde::Serialize;
use serde::de::DeserializeOwned;

/// A kind of spooled record: read back as `Self`, written as `Written`,
/// which borrows its text from the project and serialises as `Self` does.
pub(crate) trait Record: DeserializeOwned {
    /// The record as written.
    type Written<'a>: Serialize + ?Sized;
}

/// Text, such as a project's compact JSON.
impl Record for String {
    type Written<'a> = str;
}

/// Buffer size of the file, written and read.
const BUFFER: usize = 1 << 16;

/// Records of type `T` on their way through a temporary file.
pub(crate) struct Spool<T> {
    out: BufWriter<File>,
    len: usize,
    /// The record being encoded, kept to spare an allocation a record.
    encoded: Vec<u8>,
    records: PhantomData<fn() -> T>,
}

impl<T: Record> Spool<T> {
    /// An empty spool in an unnamed temporary file.
    pub fn new() -> io::Result<Self> {
        Ok(Spool {
            out: BufWriter::with_capacity(BUFFER, tempfile::tempfile()?),
            len: 0,
            encoded: Vec::new(),
            records: PhantomData,
        })
    }

    /// Records pushed so far.
    pub fn len(&self) -> usize {
        self.len
    }

    /// Appends one record.
    pub fn push(&mut self, record: &T::Written<'_>) -> io::Result<()> {
        self.encoded.clear();
        self.encoded =
            postcard::to_extend(record, std::mem::take(&mut self.encoded)).map_err(invalid)?;
        let len = u32::try_from(self.encoded.len())
            .map_err(|_| io::Error::other("a spooled record is over 4 GiB"))?;
        self.out.write_all(&len.to_le_bytes())?;
        self.out.write_all(&self.encoded)?;
        self.len += 1;
        Ok(())
    }

    /// Reads every record back, in the order pushed, and hands each to `f`;
    /// stops at `f`'s first error. A spool may be replayed any number of
    /// times. `io` says what a failure to read the spool means to the caller.
    pub fn replay<E>(
        &mut self,
        io: impl Fn(io::Error) -> E,
        mut f: impl FnMut(T) -> Result<(), E>,
    ) -> Result<(), E> {
        self.out.flush().map_err(&io)?;
        let file = self.out.get_mut();
        file.rewind().map_err(&io)?;
        let mut input = BufReader::with_capacity(BUFFER, &*file);
        let mut encoded = std::mem::take(&mut self.encoded);
        for _ in 0..self.len {
            let record = read_record(&mut input, &mut encoded).map_err(&io)?;
            f(record)?;
        }
        self.encoded = encoded;
        // Records pushed after a replay go after the others.
        self.out.get_mut().seek(SeekFrom::End(0)).map_err(&io)?;
        Ok(())
    }
}

/// Reads the next record; a file that ends early, or bytes that are no
/// record, are an error.
fn read_record<T: Record>(input: &mut impl Read, encoded: &mut Vec<u8>) -> io::Result<T> {
    let mut len = [0; 4];
    input.read_exact(&mut len)?;
    let len = u64::from(u32::from_le_bytes(len));
    encoded.clear();
    // Read through `take` so that a damaged length cannot claim memory
    // the file does not hold.
    input.take(len).read_to_end(encoded)?;
    if encoded.len() as u64 != len {
        return Err(io::ErrorKind::UnexpectedEof.into());
    }
    postcard::from_bytes(encoded).map_err(invalid)
}

fn invalid(err: postcard::Error) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidData, err)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn replayed(spool: &mut Spool<String>) -> io::Result<Vec<String>> {
        let mut back = Vec::new();
        spool.replay(
            |e| e,
            |record| {
                back.push(record);
                Ok(())
            },
        )?;
        Ok(back)
    }

    #[test]
    fn records_come_back_in_order_as_often_as_asked() {
        let mut spool = Spool::<String>::new().unwrap();
        for text in ["one", "", "three é"] {
            spool.push(text).unwrap();
        }
        assert_eq!(spool.len(), 3);
        assert_eq!(replayed(&mut spool).unwrap(), ["one", "", "three é"]);
        spool.push("four").unwrap();
        assert_eq!(
            replayed(&mut spool).unwrap(),
            ["one", "", "three é", "four"]
        );
    }

    #[test]
    fn an_empty_spool_replays_nothing() {
        let mut spool = Spool::<String>::new().unwrap();
        assert!(replayed(&mut spool).unwrap().is_empty());
    }

    #[test]
    fn a_record_larger_than_the_buffers_comes_back_whole() {
        let large: String = (0..3 * BUFFER)
            .map(|i| char::from(b'a' + (i % 26) as u8))
            .collect();
        let mut spool = Spool::<String>::new().unwrap();
        spool.push("before").unwrap();
        spool.push(&large).unwrap();
        spool.push("after").unwrap();
        assert_eq!(replayed(&mut spool).unwrap(), ["before", &large, "after"]);
    }

    #[test]
    fn a_truncated_spool_is_an_error() {
        let mut spool = Spool::<String>::new().unwrap();
        spool.push("a record of some length").unwrap();
        spool.push("another").unwrap();
        spool.out.flush().unwrap();
        let full = spool.out.get_ref().metadata().unwrap().len();
        // Cut inside the last record, then inside its length.
        for len in [full - 3, full - 9] {
            spool.out.get_ref().set_len(len).unwrap();
            let err = replayed(&mut spool).unwrap_err();
            assert_eq!(err.kind(), io::ErrorKind::UnexpectedEof);
        }
    }

    #[test]
    fn bytes_that_are_no_record_are_an_error() {
        let mut spool = Spool::<String>::new().unwrap();
        spool.push("\u{e9}").unwrap();
        spool.out.flush().unwrap();
        // The text's length (1) then a lone continuation byte: no UTF-8.
        let file = spool.out.get_mut();
        file.rewind().unwrap();
        file.write_all(&[2, 0, 0, 0, 1, 0xa9]).unwrap();
        let err = replayed(&mut spool).unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::InvalidData);
    }

    #[test]
    fn an_error_of_the_consumer_stops_the_replay() {
        let mut spool = Spool::<String>::new().unwrap();
        spool.push("a").unwrap();
        spool.push("b").unwrap();
        let mut seen = 0;
        let stopped = spool.replay(
            |_| "spool",
            |_| {
                seen += 1;
                Err("consumer")
            },
        );
        assert_eq!((stopped, seen), (Err("consumer"), 1));
    }
}
